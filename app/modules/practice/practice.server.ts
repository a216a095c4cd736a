// Practice (练习) and the notebook of mistakes (错题本): one item at a time, the rule shown after
// each answer, no score kept and no wait. Practice never shows the items reserved for the
// comprehensive exam (ADR 018); the notebook holds what a clerk got wrong in quizzes, the exam and
// daily reviews until they answer it right there. Keys stay on the server until the answer is in.
import { createHash, randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { notebookClears } from '#drizzle/schema/index.ts'
import { getCatalog, type Catalog } from '#app/modules/catalog/catalog.server.ts'
import { bankAnswer, disguiseItem, practiceKey } from '#app/modules/quizzes/disguise.server.ts'
import { shuffleOptions } from '#app/modules/quizzes/draw.ts'
import { type QuizItem } from '#app/modules/quizzes/items.ts'
import { seededRandom } from '#app/modules/quizzes/random.ts'
import { answerFromForm, itemReview, itemView } from '#app/modules/quizzes/views.server.ts'
import { getDb, queryRows } from '#app/utils/db.server.ts'

/**
 * A fixed quarter of every service's bank is kept for the comprehensive exam: practice never
 * shows it, so practising cannot walk a clerk through the exam's items. Decided by the item id
 * alone, so every server agrees and a manual edit moves nothing else.
 */
export function isExamReserved(itemId: string): boolean {
	const digest = createHash('sha256').update(`exam-reserve:${itemId}`).digest()
	return (digest[0] ?? 0) % 4 === 0
}

export type PracticeScope = { kind: 'service'; code: string } | { kind: 'category'; name: string }

/** The items practice may draw for this scope (scenarios belong to quizzes: several steps). */
export function practicePool(
	scope: PracticeScope,
	catalog: Catalog = getCatalog(),
): Array<QuizItem> {
	const codes =
		scope.kind === 'service'
			? catalog.services.get(scope.code)?.active
				? [scope.code]
				: []
			: catalog.ordered.filter((s) => s.frontmatter.category === scope.name).map((s) => s.code)
	const seen = new Set<string>()
	const pool: Array<QuizItem> = []
	for (const code of codes)
		for (const id of catalog.bank.byService.get(code) ?? []) {
			const item = catalog.bank.items.get(id)
			if (!item || item.kind === 'scenario' || seen.has(id) || isExamReserved(id)) continue
			seen.add(id)
			pool.push(item)
		}
	return pool
}

const noncePattern = /^[A-Za-z0-9_-]{16,32}$/

function shown(item: QuizItem, nonce: string) {
	return shuffleOptions(item, seededRandom(`practice:${nonce}:${item.id}`))
}

/** The item as a practice or notebook page with this nonce shows it (opaque ids, options shuffled). */
export async function pageItem(userId: string, item: QuizItem, nonce: string): Promise<QuizItem> {
	return disguiseItem(shown(item, nonce), await practiceKey(userId, nonce))
}

/** One item to practise, drawn at random, as the page may see it (opaque ids, no key). */
export async function practiceItem(
	userId: string,
	scope: PracticeScope,
	catalog: Catalog = getCatalog(),
) {
	const pool = practicePool(scope, catalog)
	if (pool.length === 0) return null
	const nonce = randomBytes(12).toString('base64url')
	const item = pool[Math.floor(Math.random() * pool.length)]
	if (!item) return null
	const disguised = await pageItem(userId, item, nonce)
	return { nonce, serviceCode: item.services[0] ?? '', item: itemView(disguised) }
}

export type PracticeOutcome =
	| { ok: true; review: ReturnType<typeof itemReview>; serviceCode: string }
	| { ok: false; error: 'stale' | 'choose' | 'repeated-step' }

/** Grade one answer against the candidates' disguised ids; nothing is stored. */
async function gradeAmong(
	userId: string,
	candidates: ReadonlyArray<QuizItem>,
	form: FormData,
): Promise<(PracticeOutcome & { itemId?: string }) | null> {
	const nonce = String(form.get('nonce') ?? '')
	const ref = String(form.get('itemId') ?? '')
	if (!noncePattern.test(nonce) || !/^k[A-Za-z0-9]{1,20}$/.test(ref)) return null
	const key = await practiceKey(userId, nonce)
	for (const candidate of candidates) {
		const item = shown(candidate, nonce)
		const disguised = disguiseItem(item, key)
		if (disguised.ref !== ref) continue
		const parsed = answerFromForm(disguised, form)
		if ('problem' in parsed)
			return {
				ok: false,
				error: parsed.problem === 'repeated-step' ? 'repeated-step' : 'stale',
			}
		if (parsed.answer === null) return { ok: false, error: 'choose' }
		const answer = bankAnswer(disguised, parsed.answer)
		if (!answer) return { ok: false, error: 'stale' }
		return {
			ok: true,
			review: itemReview(item, answer),
			serviceCode: item.services[0] ?? '',
			itemId: item.id,
		}
	}
	return { ok: false, error: 'stale' }
}

export async function answerPractice(
	userId: string,
	scope: PracticeScope,
	form: FormData,
	catalog: Catalog = getCatalog(),
): Promise<PracticeOutcome> {
	const outcome = await gradeAmong(userId, practicePool(scope, catalog), form)
	if (!outcome) return { ok: false, error: 'stale' }
	if (!outcome.ok) return outcome
	return { ok: true, review: outcome.review, serviceCode: outcome.serviceCode }
}

// ---------------------------------------------------------------------------------------------
// 错题本

export type NotebookEntry = {
	itemId: string
	serviceCode: string
	sources: Array<'quiz' | 'exam' | 'review'>
	lastWrongAt: Date
	times: number
}

/** The items the clerk got wrong and has not since answered right in the notebook. */
export async function notebookEntries(
	userId: string,
	catalog: Catalog = getCatalog(),
): Promise<Array<NotebookEntry>> {
	const rows = await queryRows<{
		item_id: string
		service_code: string
		sources: Array<string>
		last_wrong_at: Date | string
		times: number | string
	}>(sql`
		with wrong as (
			select r.item_id, r.service_code, a.kind::text as source, a.submitted_at as at
			from attempt_results r join attempts a on a.id = r.attempt_id
			where a.user_id = ${userId} and not r.correct and r.answered
			union all
			select l.item_id, l.service_code, 'review', l.reviewed_at
			from review_logs l where l.user_id = ${userId} and not l.correct
		)
		select w.item_id, min(w.service_code) as service_code,
			array_agg(distinct w.source) as sources, max(w.at) as last_wrong_at, count(*)::int as times
		from wrong w
		left join notebook_clears c on c.user_id = ${userId} and c.item_id = w.item_id
		where c.cleared_at is null or w.at > c.cleared_at
		group by w.item_id
		order by max(w.at) desc
		limit 500`)
	return rows.flatMap((row) => {
		const item = catalog.bank.items.get(row.item_id)
		// Items no longer in the manual, and scenarios (retried in a quiz), are left out.
		if (!item || item.kind === 'scenario') return []
		return [
			{
				itemId: row.item_id,
				serviceCode: row.service_code,
				sources: row.sources.map((s) =>
					s === 'service' ? 'quiz' : s === 'exam' ? 'exam' : 'review',
				),
				lastWrongAt: new Date(row.last_wrong_at),
				times: Number(row.times),
			},
		]
	})
}

/** An entry's item to retry, as the page may see it; `ref` names it in the notebook's list. */
export async function notebookItem(
	userId: string,
	ref: string | null,
	catalog: Catalog = getCatalog(),
) {
	const entries = await notebookEntries(userId, catalog)
	const nonce = randomBytes(12).toString('base64url')
	const key = await practiceKey(userId, nonce)
	const listKey = await practiceKey(userId, 'notebook-list')
	const listed = entries.flatMap((entry) => {
		const item = catalog.bank.items.get(entry.itemId)
		return item ? [{ entry, item, ref: disguiseItem(item, listKey).ref ?? '' }] : []
	})
	const chosen = ref ? listed.find((l) => l.ref === ref) : listed[0]
	return {
		// The list names items by opaque refs: bank ids say too much (ADR 008).
		entries: listed.map(({ entry, ref }) => ({
			ref,
			serviceCode: entry.serviceCode,
			sources: entry.sources,
			lastWrongAt: entry.lastWrongAt,
			times: entry.times,
		})),
		current: chosen
			? {
					nonce,
					serviceCode: chosen.entry.serviceCode,
					item: itemView(disguiseItem(shown(chosen.item, nonce), key)),
				}
			: null,
	}
}

/** Grade a notebook retry; a right answer clears the item until the clerk gets it wrong again. */
export async function answerNotebook(
	userId: string,
	form: FormData,
	catalog: Catalog = getCatalog(),
): Promise<PracticeOutcome> {
	const entries = await notebookEntries(userId, catalog)
	const items = entries.flatMap((e) => {
		const item = catalog.bank.items.get(e.itemId)
		return item ? [item] : []
	})
	const outcome = await gradeAmong(userId, items, form)
	if (!outcome) return { ok: false, error: 'stale' }
	if (!outcome.ok) return outcome
	if (outcome.review.correct && outcome.itemId)
		await getDb()
			.insert(notebookClears)
			.values({ userId, itemId: outcome.itemId })
			.onConflictDoUpdate({
				target: [notebookClears.userId, notebookClears.itemId],
				set: { clearedAt: sql`now()` },
			})
	return { ok: true, review: outcome.review, serviceCode: outcome.serviceCode }
}
