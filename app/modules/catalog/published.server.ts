// The manual published in the browser (docs/decisions/015): immutable revisions in the database
// laid over content/, a publish that checks like content:check, and every app server reloading
// the catalog within seconds of a publish by polling the newest revision's id.
import { randomUUID } from 'node:crypto'
import { desc, eq, sql } from 'drizzle-orm'
import { manualRevisions, serviceRevisions, services } from '#drizzle/schema/index.ts'
import { recordAudit, type AuditActor } from '#app/modules/audit/audit.server.ts'
import { type CertificationRules } from '#app/modules/certification/rules.server.ts'
import { type Scenario } from '#app/modules/quizzes/content-schema.ts'
import { getDb, queryRows } from '#app/utils/db.server.ts'
import { getCatalog, loadCatalog, type Catalog, type PublishedService } from './catalog.server.ts'
import { type SnapshotOptions, type SnapshotOutcome } from './snapshot.server.ts'
import {
	checkPublishCandidate,
	type PublishProblem,
} from '#app/modules/content/publish-check.server.ts'
import {
	canonicalJson,
	describeChanges,
	diffNormative,
	revisionOf,
} from '#app/modules/content/revision.ts'
import { frontmatterSchema, pickNormative, type Frontmatter } from '#app/modules/content/schema.ts'

/** The newest published revision of every service that has one, and the manual's version. */
export async function publishedServices(): Promise<{
	version: number
	services: Array<PublishedService>
}> {
	const rows = await queryRows<{
		id: string | number
		service_code: string
		frontmatter: unknown
		body: string
	}>(sql`
		select distinct on (service_code) id, service_code, frontmatter, body
		from manual_revisions order by service_code, id desc`)
	const published: Array<PublishedService> = []
	let version = 0
	for (const row of rows) {
		const id = Number(row.id)
		version = Math.max(version, id)
		// Checked when published; a row that no longer parses (a schema change) keeps the file.
		const frontmatter = frontmatterSchema.safeParse(row.frontmatter)
		if (frontmatter.success)
			published.push({ code: row.service_code, frontmatter: frontmatter.data, body: row.body, id })
		else
			console.error(
				`manual_revisions #${id} (${row.service_code}) no longer passes the schema; serving content/`,
			)
	}
	return { version, services: published }
}

/** What else the browser publishes over content/: composed at start-up (the manual does not know them). */
export type OverlaySources = {
	/** 零拒绝 standards as scenarios of the item bank. */
	scenarios: {
		version: () => Promise<number>
		load: () => Promise<Array<{ id: string; scenario: Scenario }>>
	}
	/** Certification rules saved in the browser (null: certification.yml). */
	settings: { version: () => Promise<number>; load: () => Promise<CertificationRules | null> }
}
let sources: OverlaySources = {
	scenarios: { version: async () => 0, load: async () => [] },
	settings: { version: async () => 0, load: async () => null },
}

export function setOverlaySources(next: Partial<OverlaySources>) {
	sources = { ...sources, ...next }
}

async function currentVersion(): Promise<string> {
	const [row] = await queryRows<{ version: string | number | null }>(
		sql`select max(id) as version from manual_revisions`,
	)
	const [scenarios, settings] = await Promise.all([
		sources.scenarios.version(),
		sources.settings.version(),
	])
	return `${Number(row?.version ?? 0)}:${scenarios}:${settings}`
}

let loadOptions: {
	root: string
	cacheDir: string
	concurrency?: number
	snapshot?: SnapshotOptions
} | null = null
let reloading: Promise<Catalog> | null = null

/** Load content/ with the published revisions over it (start-up, and after every publish). */
export async function loadPublishedCatalog(options: {
	root: string
	cacheDir: string
	concurrency?: number
	onProgress?: (done: number, total: number) => void
	/** Reuse the previous start's composition when nothing it was made from changed (ADR 019). */
	snapshot?: SnapshotOptions & { onOutcome?: (outcome: SnapshotOutcome) => void }
}): Promise<Catalog> {
	// A refresh after a publish compiles quietly; only the first start reports progress.
	loadOptions = {
		root: options.root,
		cacheDir: options.cacheDir,
		concurrency: options.concurrency,
		...(options.snapshot
			? { snapshot: { dir: options.snapshot.dir, codeVersion: options.snapshot.codeVersion } }
			: {}),
	}
	const [published, scenarios, scenarioVersion, rules, settingsVersion] = await Promise.all([
		publishedServices(),
		sources.scenarios.load(),
		sources.scenarios.version(),
		sources.settings.load(),
		sources.settings.version(),
	])
	return loadCatalog({
		...options,
		published: published.services,
		scenarios,
		rules: rules ?? undefined,
		manualVersion: `${published.version}:${scenarioVersion}:${settingsVersion}`,
	})
}

/**
 * Reload the catalog when a newer revision was published (by this server or another). One
 * reload at a time; a failed reload keeps serving the manual already loaded.
 */
export async function refreshCatalog(): Promise<boolean> {
	if (!loadOptions) return false
	const options = loadOptions
	if (reloading) await reloading
	const version = await currentVersion()
	if (version === getCatalog().manualVersion) return false
	reloading = loadPublishedCatalog(options)
	try {
		await reloading
	} finally {
		reloading = null
	}
	return true
}

/** Poll for publishes made on other app servers. Returns a stop function. */
export function startManualRefresh(intervalMs = 2000): () => void {
	let running = false
	const timer = setInterval(() => {
		if (running) return
		running = true
		refreshCatalog()
			.catch((error: unknown) => console.error('manual refresh failed:', error))
			.finally(() => {
				running = false
			})
	}, intervalMs)
	timer.unref()
	return () => clearInterval(timer)
}

/** The id of the newest published revision of one service (0: none, the file is served). */
export async function latestPublishedId(code: string): Promise<number> {
	const [row] = await getDb()
		.select({ id: manualRevisions.id })
		.from(manualRevisions)
		.where(eq(manualRevisions.serviceCode, code))
		.orderBy(desc(manualRevisions.id))
		.limit(1)
	return row?.id ?? 0
}

export type PublishEntry = {
	code: string
	frontmatter: unknown
	body: string
	/** The service's newest published id when the editor opened it: a publish in between wins. */
	baseId?: number
}

export type ServiceChange = {
	code: string
	name: string
	from: string
	to: string
	/** Normative changes, one Chinese sentence each ("材料新增：…"). */
	changes: Array<string>
	/** Editorial fields that changed without a new revision (可信度, 是否启用…). */
	editorial: Array<string>
	bodyChanged: boolean
}

export type Candidate = {
	entry: PublishEntry
	frontmatter: Frontmatter
	body: string
	change: ServiceChange
	html: string
}

function normaliseBody(body: string): string {
	const unix = body.replace(/\r\n?/g, '\n')
	return unix.startsWith('\n') ? unix : `\n${unix}`
}

/** Check one edited service and describe what it changes (nothing is written). */
export async function reviewEntry(
	entry: PublishEntry,
	catalog: Catalog = getCatalog(),
): Promise<{ ok: true; candidate: Candidate } | { ok: false; problems: Array<PublishProblem> }> {
	const current = catalog.services.get(entry.code)
	if (!current) {
		return {
			ok: false,
			problems: [
				{
					field: 'code',
					rule: '事项须已存在',
					message: `事项编码：不符合规则「事项须已存在」（${entry.code}）`,
				},
			],
		}
	}
	const body = normaliseBody(entry.body)
	const checked = await checkPublishCandidate({
		code: entry.code,
		frontmatter: entry.frontmatter,
		body,
		registries: { categories: catalog.categories, units: catalog.units },
		services: new Map([...catalog.services.values()].map((s) => [s.code, s.frontmatter])),
		contentRoot: catalog.root,
	})
	if (!checked.ok) return checked
	const normative = pickNormative(checked.frontmatter)
	const editorial = (['confidence', 'nationalCode', 'active'] as const).flatMap((key) =>
		canonicalJson(current.frontmatter[key] ?? null) ===
		canonicalJson(checked.frontmatter[key] ?? null)
			? []
			: [
					`${editorialName[key]}：${String(current.frontmatter[key] ?? '无')} → ${String(checked.frontmatter[key] ?? '无')}`,
				],
	)
	return {
		ok: true,
		candidate: {
			entry,
			frontmatter: checked.frontmatter,
			body,
			html: checked.html,
			change: {
				code: entry.code,
				name: checked.frontmatter.name,
				from: current.revision,
				to: revisionOf(normative),
				changes: describeChanges(diffNormative(current.normative, normative)),
				editorial,
				bodyChanged: normaliseBody(current.body) !== body,
			},
		},
	}
}

const editorialName = {
	confidence: '可信度',
	nationalCode: '国家事项编码',
	active: '是否启用',
} as const

export function changesSomething(change: ServiceChange): boolean {
	return change.changes.length > 0 || change.editorial.length > 0 || change.bodyChanged
}

export type PublishResult =
	| { ok: true; publishId: string; changes: Array<ServiceChange> }
	| { ok: false; problems: Array<PublishProblem & { code: string }> }

/**
 * Publish edited services as one immutable revision each, all or none. Refused, changing
 * nothing, when any breaks a content rule, changes nothing, or was published by someone else
 * since the editor opened it.
 */
export async function publishManual(input: {
	actor: NonNullable<AuditActor>
	reason: string
	entries: Array<PublishEntry>
}): Promise<PublishResult> {
	const catalog = getCatalog()
	const reason = input.reason.trim()
	const problems: Array<PublishProblem & { code: string }> = []
	if (reason.length === 0)
		problems.push({
			code: '-',
			field: 'reason',
			rule: '须写明发布原因',
			message: '发布原因：不符合规则「须写明发布原因」',
		})
	const candidates: Array<Candidate> = []
	for (const entry of input.entries) {
		const reviewed = await reviewEntry(entry, catalog)
		if (!reviewed.ok) problems.push(...reviewed.problems.map((p) => ({ ...p, code: entry.code })))
		else if (changesSomething(reviewed.candidate.change)) candidates.push(reviewed.candidate)
	}
	if (problems.length === 0 && candidates.length === 0)
		problems.push({ code: '-', field: '-', rule: '须有修改', message: '没有任何修改，无需发布' })
	if (problems.length > 0) return { ok: false, problems }

	const publishId = randomUUID()
	const stale = await getDb().transaction(async (tx) => {
		// One publish at a time, so "published since you opened it" is decided on settled data.
		await tx.execute(sql`select pg_advisory_xact_lock(${0x4d616e75})`)
		const late: Array<string> = []
		for (const { entry } of candidates) {
			if (entry.baseId === undefined) continue
			const [latest] = await tx
				.select({ id: manualRevisions.id })
				.from(manualRevisions)
				.where(eq(manualRevisions.serviceCode, entry.code))
				.orderBy(desc(manualRevisions.id))
				.limit(1)
			if ((latest?.id ?? 0) !== entry.baseId) late.push(entry.code)
		}
		if (late.length > 0) return late
		for (const { entry, frontmatter, body, change } of candidates) {
			await tx.insert(manualRevisions).values({
				publishId,
				serviceCode: entry.code,
				revision: change.to,
				previousRevision: change.from,
				frontmatter,
				body,
				reason,
				publishedBy: input.actor.id,
				publishedByName: input.actor.displayName,
			})
			await tx
				.insert(serviceRevisions)
				.values({
					serviceCode: entry.code,
					revision: change.to,
					normative: pickNormative(frontmatter),
				})
				.onConflictDoNothing()
			await tx
				.update(services)
				.set({
					name: frontmatter.name,
					category: frontmatter.category,
					subcategory: frontmatter.subcategory,
					backOffice: frontmatter.backOffice,
					currentRevision: change.to,
					active: frontmatter.active !== false,
					updatedAt: new Date(),
				})
				.where(eq(services.code, entry.code))
		}
		await recordAudit(
			{
				actor: input.actor,
				action: 'manual.publish',
				targetType: 'manual',
				targetId: publishId,
				details: {
					reason,
					services: candidates.map(({ change }) => ({
						code: change.code,
						name: change.name,
						from: change.from,
						to: change.to,
						changes: change.changes,
						editorial: change.editorial,
						bodyChanged: change.bodyChanged,
					})),
				},
			},
			tx,
		)
		return []
	})
	if (stale.length > 0) {
		return {
			ok: false,
			problems: stale.map((code) => ({
				code,
				field: '-',
				rule: '不得覆盖他人的新发布',
				message: `${code}：打开编辑后已有人发布了新版本，请重新打开后再修改`,
			})),
		}
	}
	await refreshCatalog()
	return { ok: true, publishId, changes: candidates.map((c) => c.change) }
}

/** Publishes of the manual, newest first (for the editor's history). */
export async function publishHistory(code: string, limit = 20) {
	return getDb()
		.select({
			id: manualRevisions.id,
			revision: manualRevisions.revision,
			previousRevision: manualRevisions.previousRevision,
			reason: manualRevisions.reason,
			publishedByName: manualRevisions.publishedByName,
			publishedAt: manualRevisions.publishedAt,
		})
		.from(manualRevisions)
		.where(eq(manualRevisions.serviceCode, code))
		.orderBy(desc(manualRevisions.id))
		.limit(limit)
}
