// The lesson page: one service's procedure and compiled lesson, and the clerk's studied mark.
import { requireUser } from '#app/modules/auth/require.server.ts'
import { getCatalog } from '#app/modules/catalog/catalog.server.ts'
import { markStudied, studiedMark } from '#app/modules/content/progress.server.ts'

function serviceOr404(code: string | undefined) {
	const service = code ? getCatalog().services.get(code) : undefined
	if (!service || !service.active) throw new Response('Not found', { status: 404 })
	return service
}

export async function loadLesson(request: Request, code: string | undefined) {
	const user = await requireUser(request)
	const service = serviceOr404(code)
	const catalog = getCatalog()
	const mark = await studiedMark(user.id, service.code)
	const { confidence, ...frontmatter } = service.frontmatter
	return {
		service: { ...frontmatter, confidence },
		html: service.html,
		revision: service.revision,
		studied: mark
			? mark.revision === service.revision
				? ('current' as const)
				: ('outdated' as const)
			: null,
		unitDuty: catalog.units.find((u) => u.name === service.frontmatter.backOffice)?.duty ?? null,
		category: catalog.categories.find((c) => c.name === service.frontmatter.category) ?? null,
		quizPath: user.role === 'clerk' ? `/quiz/${service.code}` : null,
	}
}

export async function markLessonStudied(request: Request, code: string | undefined) {
	const user = await requireUser(request)
	const service = serviceOr404(code)
	await markStudied(user.id, service.code, service.revision)
}
