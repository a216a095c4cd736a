// 练习: a service's or a category's items, one at a time, the rule after each answer; no score.
import { data } from '@remix-run/node'
import { z } from 'zod'
import { requireUser } from '#app/modules/auth/require.server.ts'
import { getCatalog } from '#app/modules/catalog/catalog.server.ts'
import { serviceCodePattern } from '#app/modules/content/schema.ts'
import {
	answerPractice,
	practiceItem,
	type PracticeScope,
} from '#app/modules/practice/practice.server.ts'

const scopeSchema = z.union([
	z.object({ service: z.string().regex(serviceCodePattern) }),
	z.object({ category: z.string().min(1).max(40) }),
])

function scopeOf(params: URLSearchParams): PracticeScope {
	const parsed = scopeSchema.safeParse(Object.fromEntries(params))
	if (!parsed.success) throw new Response('Not found', { status: 404 })
	const catalog = getCatalog()
	if ('service' in parsed.data) {
		if (!catalog.services.get(parsed.data.service)?.active)
			throw new Response('Not found', { status: 404 })
		return { kind: 'service', code: parsed.data.service }
	}
	const name = parsed.data.category
	if (!catalog.categories.some((c) => c.name === name))
		throw new Response('Not found', { status: 404 })
	return { kind: 'category', name }
}

function scopeView(scope: PracticeScope) {
	const catalog = getCatalog()
	return scope.kind === 'service'
		? {
				kind: scope.kind,
				query: `service=${scope.code}`,
				code: scope.code,
				name: catalog.services.get(scope.code)?.frontmatter.name ?? scope.code,
			}
		: {
				kind: scope.kind,
				query: `category=${encodeURIComponent(scope.name)}`,
				code: null,
				name: scope.name,
			}
}

export async function loadPractice(request: Request) {
	const user = await requireUser(request)
	const scope = scopeOf(new URL(request.url).searchParams)
	const current = await practiceItem(user.id, scope)
	const serviceName = current
		? (getCatalog().services.get(current.serviceCode)?.frontmatter.name ?? current.serviceCode)
		: null
	return { scope: scopeView(scope), current, serviceName }
}

export async function handlePractice(request: Request) {
	const user = await requireUser(request)
	const scope = scopeOf(new URL(request.url).searchParams)
	const outcome = await answerPractice(user.id, scope, await request.formData())
	if (!outcome.ok) return data(outcome, { status: 400 })
	return {
		...outcome,
		serviceName: getCatalog().services.get(outcome.serviceCode)?.frontmatter.name ?? '',
	}
}
