// One person on the board: every service with its status, dates, revision and attempt; exams
// with 切屏 counts; issuing certificates.
import { redirect } from '@remix-run/node'
import { forbidden, requireRole } from '#app/modules/auth/require.server.ts'
import {
	CertificateError,
	certificatesOf,
	issueCertificate,
} from '#app/modules/certification/certificates.server.ts'
import { getCatalog } from '#app/modules/catalog/catalog.server.ts'
import { findPersonWithSite, inScope, managedSiteIds } from '#app/modules/people/people.server.ts'
import { personDetail } from '#app/modules/readiness/drilldown.server.ts'
import { reviewSummary } from '#app/modules/review/review.server.ts'

async function personInScope(request: Request, id: string | undefined) {
	const actor = await requireRole(request, ['trainer', 'admin'])
	const person = id ? await findPersonWithSite(id) : null
	if (!person) throw new Response('Not found', { status: 404 })
	if (!inScope(await managedSiteIds(actor), person.siteId)) forbidden()
	return { actor, person }
}

export async function loadPerson(request: Request, id: string | undefined) {
	const { person } = await personInScope(request, id)
	const catalog = getCatalog()
	const detail = await personDetail(person, catalog)
	const [issued, reviews] = await Promise.all([certificatesOf(person.id), reviewSummary(person.id)])
	return { person, ...detail, issued, reviews, categories: catalog.categories.map((c) => c.name) }
}

export async function issueFor(request: Request, id: string | undefined) {
	const { actor, person } = await personInScope(request, id)
	const form = await request.formData()
	const kind = form.get('kind')
	if (kind !== 'readiness' && kind !== 'services')
		throw new Response('Unknown certificate kind', { status: 400 })
	try {
		const code = await issueCertificate(person.id, kind, actor)
		throw redirect(`/certificates/${code}`)
	} catch (error) {
		if (error instanceof CertificateError)
			return {
				error:
					kind === 'readiness'
						? ('board.cannotIssueReadiness' as const)
						: ('board.cannotIssueServices' as const),
			}
		throw error
	}
}
