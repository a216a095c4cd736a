// A site's service set: search, select a category or the search's results, copy another site's set.
// Every change is a form post (works without JavaScript); what is not shown stays as it was.
import { data } from '@remix-run/node'
import { z } from 'zod'
import { requireRole } from '#app/modules/auth/require.server.ts'
import { getCatalog } from '#app/modules/catalog/catalog.server.ts'
import { listSites } from '#app/modules/people/people.server.ts'
import {
	findSite,
	setSiteServices,
	siteServiceCodes,
} from '#app/modules/people/site-services.server.ts'
import { databaseId, databaseIdParam } from '#app/utils/schemas.ts'

async function siteOr404(param: string | undefined) {
	const id = databaseIdParam(param)
	const site = id === null ? null : await findSite(id)
	if (!site) throw new Response('Not found', { status: 404 })
	return site
}

/** The services a search shows: by name, code or category, ignoring case and spaces. */
function matches(query: string) {
	const q = query.replace(/\s+/g, '').toLowerCase()
	return (s: { code: string; name: string; category: string }) =>
		q === '' || `${s.name}${s.code}${s.category}`.toLowerCase().includes(q)
}

function catalogServices() {
	return getCatalog().ordered.map((s) => ({
		code: s.code,
		name: s.frontmatter.name,
		category: s.frontmatter.category,
	}))
}

const querySchema = z.string().trim().max(40).catch('')

export async function loadSiteServices(request: Request, param: string | undefined) {
	await requireRole(request, ['admin'])
	const site = await siteOr404(param)
	const q = querySchema.parse(new URL(request.url).searchParams.get('q') ?? '')
	const [selected, sites] = await Promise.all([siteServiceCodes(site.id), listSites()])
	const all = catalogServices()
	const shown = all.filter(matches(q))
	const catalog = getCatalog()
	return {
		site,
		q,
		selected,
		total: all.length,
		shownCount: shown.length,
		otherSites: sites.filter((s) => s.id !== site.id).map((s) => ({ id: s.id, name: s.name })),
		categories: catalog.categories
			.map((c) => ({ name: c.name, services: shown.filter((s) => s.category === c.name) }))
			.filter((c) => c.services.length > 0),
	}
}

const formSchema = z.object({
	intent: z.string().max(100),
	q: querySchema,
	services: z.array(z.string().max(40)).max(2000),
	/** The codes the page showed: only these are taken from the checkboxes. */
	shown: z.array(z.string().max(40)).max(2000),
	from: z.union([databaseId, z.literal('')]).optional(),
})

export async function saveSiteServices(request: Request, param: string | undefined) {
	const actor = await requireRole(request, ['admin'])
	const site = await siteOr404(param)
	const form = await request.formData()
	const parsed = formSchema.safeParse({
		intent: String(form.get('intent') ?? 'save'),
		q: String(form.get('q') ?? ''),
		services: form.getAll('services').map(String),
		shown: form.getAll('shown').map(String),
		from: String(form.get('from') ?? ''),
	})
	if (!parsed.success)
		return data({ ok: false as const, error: 'form.invalid' as const }, { status: 400 })
	const catalog = getCatalog()
	const { intent, services, shown } = parsed.data
	if ([...services, ...shown].some((code) => !catalog.services.has(code)))
		return data({ ok: false as const, error: 'form.invalid' as const }, { status: 400 })
	const all = catalogServices()
	const current = new Set(await siteServiceCodes(site.id))
	// The checkboxes decide the services that were on the page; the others stay as they were.
	const shownSet = new Set(shown)
	const next = new Set([...current].filter((code) => !shownSet.has(code)))
	for (const code of services) next.add(code)
	if (intent === 'copy') {
		const fromId = parsed.data.from
		const from = typeof fromId === 'number' ? await findSite(fromId) : null
		if (!from || from.id === site.id)
			return data({ ok: false as const, error: 'sites.copyChoose' as const }, { status: 400 })
		const codes = from.offersAllServices ? all.map((s) => s.code) : await siteServiceCodes(from.id)
		const count = await setSiteServices(site.id, codes, actor)
		return data({ ok: true as const, count, copiedFrom: from.name })
	}
	const [verb, ...rest] = intent.split(':')
	const category = rest.join(':')
	const group =
		verb === 'all-shown' || verb === 'none-shown'
			? [...shownSet]
			: verb === 'all' || verb === 'none'
				? all.filter((s) => s.category === category && shownSet.has(s.code)).map((s) => s.code)
				: null
	if (verb !== 'save' && group === null)
		return data({ ok: false as const, error: 'form.invalid' as const }, { status: 400 })
	for (const code of group ?? []) {
		if (verb?.startsWith('all')) next.add(code)
		else next.delete(code)
	}
	const count = await setSiteServices(site.id, [...next], actor)
	return data({ ok: true as const, count, copiedFrom: null })
}
