// The lesson page: one service's procedure and compiled lesson, and the clerk's studied mark.
import { requireUser } from '#app/modules/auth/require.server.ts'
import { getCatalog } from '#app/modules/content/catalog.server.ts'
import { markStudied, studiedMark, type StudiedMark } from '#app/modules/content/progress.server.ts'
import { type LessonShell } from '#app/utils/page-cache.server.ts'

function serviceOr404(code: string | undefined) {
	const service = code ? getCatalog().services.get(code) : undefined
	if (!service || !service.active) throw new Response('Not found', { status: 404 })
	return service
}

/** The lesson for the signed-in reader, or for a page shell's stand-in (ADR 014). */
function studiedState(mark: StudiedMark | null, revision: string) {
	if (!mark) return null
	return mark.revision === revision ? ('current' as const) : ('outdated' as const)
}

export async function loadLesson(request: Request, code: string | undefined, shell?: LessonShell) {
	const user = shell?.user ?? (await requireUser(request))
	const service = serviceOr404(code)
	const catalog = getCatalog()
	const studied = shell
		? shell.studied
		: studiedState(await studiedMark(user.id, service.code), service.revision)
	const { confidence, ...frontmatter } = service.frontmatter
	return {
		service: { ...frontmatter, confidence },
		html: service.html,
		revision: service.revision,
		studied,
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
