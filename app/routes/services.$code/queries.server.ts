// The lesson page: one service's procedure and compiled lesson, and the clerk's studied mark.
import { requireUser } from '#app/modules/auth/require.server.ts'
import { getCatalog } from '#app/modules/catalog/catalog.server.ts'
import { changedTexts, markChanges } from '#app/modules/content/mark-changes.ts'
import { markStudied, studiedMark, type StudiedMark } from '#app/modules/content/progress.server.ts'
import { describeChanges } from '#app/modules/content/revision.ts'
import { isManualEditor } from '#app/modules/people/editor-right.server.ts'
import { revisionChanges } from '#app/modules/certification/certifications.server.ts'
import { standardsForService } from '#app/modules/zero-refusal/register.server.ts'
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
	// ?changes=<revision>: what changed since then, listed and marked in the lesson text.
	const from = new URL(request.url).searchParams.get('changes')
	const raw =
		from && /^[0-9a-f]{12}$/.test(from) ? await revisionChanges(service.code, from, catalog) : null
	return {
		service: { ...frontmatter, confidence },
		html: raw && raw.length > 0 ? markChanges(service.html, changedTexts(raw)) : service.html,
		changes: raw && raw.length > 0 && from ? { from, lines: describeChanges(raw) } : null,
		editPath: (shell ? shell.editor : await isManualEditor(user))
			? `/editor/${service.code}`
			: null,
		standards: await standardsForService(service.code),
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
