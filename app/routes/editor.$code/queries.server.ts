// The service editor: load a service into the form, preview (the same check and compile as a
// publish), and publish with a reason.
import { data, redirect } from '@remix-run/node'
import { getCatalog } from '#app/modules/catalog/catalog.server.ts'
import {
	editorFormSchema,
	formToFrontmatter,
	frontmatterToForm,
} from '#app/modules/content/editor-form.ts'
import {
	latestPublishedId,
	publishHistory,
	publishManual,
	reviewEntry,
} from '#app/modules/catalog/published.server.ts'
import {
	serviceTypes,
	handlingModes,
	dayUnits,
	confidenceLevels,
} from '#app/modules/content/schema.ts'
import { requireManualEditor } from '#app/modules/people/editor-right.server.ts'

function serviceOr404(code: string | undefined) {
	const service = code ? getCatalog().services.get(code) : undefined
	if (!service) throw new Response('Not found', { status: 404 })
	return service
}

function choices() {
	const catalog = getCatalog()
	return {
		types: [...serviceTypes],
		modes: [...handlingModes],
		dayUnits: [...dayUnits],
		confidence: [...confidenceLevels],
		units: catalog.units.map((u) => u.name),
		categories: catalog.categories.map((c) => ({ name: c.name, subcategories: c.subcategories })),
	}
}

export async function loadEditor(request: Request, code: string | undefined) {
	await requireManualEditor(request)
	const service = serviceOr404(code)
	const [baseId, history] = await Promise.all([
		latestPublishedId(service.code),
		publishHistory(service.code),
	])
	return {
		code: service.code,
		revision: service.revision,
		form: frontmatterToForm(service.frontmatter, service.body),
		baseId,
		history,
		choices: choices(),
		published: new URL(request.url).searchParams.get('published') === '1',
		reason: (new URL(request.url).searchParams.get('reason') ?? '').slice(0, 200),
	}
}

export async function editorAction(request: Request, code: string | undefined) {
	const actor = await requireManualEditor(request)
	const service = serviceOr404(code)
	const parsed = editorFormSchema.safeParse(Object.fromEntries(await request.formData()))
	if (!parsed.success) throw new Response('Bad request', { status: 400 })
	const form = parsed.data
	const { frontmatter, problems } = formToFrontmatter(form, service.frontmatter)
	const entry = { code: service.code, frontmatter, body: form.body, baseId: form.baseId }
	const reply = (
		status: number,
		extra: {
			problems?: typeof problems
			html?: string | null
			change?: Awaited<ReturnType<typeof reviewEntry>>
		},
	) =>
		data(
			{
				form,
				problems: extra.problems ?? [],
				html: extra.html ?? null,
				change: extra.change && extra.change.ok ? extra.change.candidate.change : null,
			},
			{ status },
		)
	if (problems.length > 0) return reply(400, { problems })
	if (form.intent === 'preview') {
		const reviewed = await reviewEntry(entry)
		if (!reviewed.ok) return reply(400, { problems: reviewed.problems })
		return reply(200, { html: reviewed.candidate.html, change: reviewed })
	}
	const result = await publishManual({ actor, reason: form.reason, entries: [entry] })
	if (!result.ok) return reply(400, { problems: result.problems })
	throw redirect(`/editor/${service.code}?published=1`)
}
