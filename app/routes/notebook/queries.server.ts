// 错题本: the items a clerk got wrong, to retry until right.
import { data } from '@remix-run/node'
import { requireUser } from '#app/modules/auth/require.server.ts'
import { getCatalog } from '#app/modules/catalog/catalog.server.ts'
import { answerNotebook, notebookItem } from '#app/modules/practice/practice.server.ts'

function serviceName(code: string) {
	return getCatalog().services.get(code)?.frontmatter.name ?? code
}

export async function loadNotebook(request: Request) {
	const user = await requireUser(request)
	const ref = new URL(request.url).searchParams.get('item')
	if (ref !== null && !/^k[A-Za-z0-9]{1,20}$/.test(ref))
		throw new Response('Not found', { status: 404 })
	const { entries, current } = await notebookItem(user.id, ref)
	return {
		entries: entries.map((e) => ({ ...e, serviceName: serviceName(e.serviceCode) })),
		current: current ? { ...current, serviceName: serviceName(current.serviceCode) } : null,
	}
}

export async function handleNotebook(request: Request) {
	const user = await requireUser(request)
	const outcome = await answerNotebook(user.id, await request.formData())
	if (!outcome.ok) return data(outcome, { status: 400 })
	return { ...outcome, serviceName: serviceName(outcome.serviceCode) }
}
