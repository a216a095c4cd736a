// Opaque ids for what the browser sees. Bank ids say too much ("XY-SY-001.mode-b" is the false
// statement) and option ids fixed per revision let a colleague's result page answer a new
// attempt. So every id that reaches a page is a keyed hash, different in every attempt (keyed by
// the attempt's random seed, which never leaves the server) and in every daily review (keyed by
// a server-side random secret). Answers come back in those ids and are mapped to the bank's
// before anything is stored or graded.
import { createHmac, randomBytes } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { appSecrets } from '#drizzle/schema/index.ts'
import { getDb } from '#app/utils/db.server.ts'
import { type Answer, type Choice, type QuizItem } from './items.ts'

export type DisguiseKey = { readonly secret: string }

/** The key of an attempt: its random seed, stored with it and never sent to the browser. */
export function attemptKey(seed: string): DisguiseKey {
	return { secret: `attempt:${seed}` }
}

let reviewSecret: Promise<string> | null = null

async function loadSecret(name: string): Promise<string> {
	const db = getDb()
	await db
		.insert(appSecrets)
		.values({ name, value: randomBytes(32).toString('base64url') })
		.onConflictDoNothing()
	const [row] = await db.select().from(appSecrets).where(eq(appSecrets.name, name))
	if (!row) throw new Error(`secret ${name} could not be created`)
	return row.value
}

/** The key of one daily review: the person, the service and the review's number. */
export async function reviewKey(
	userId: string,
	serviceCode: string,
	reps: number,
): Promise<DisguiseKey> {
	reviewSecret ??= loadSecret('item-disguise').catch((error: unknown) => {
		reviewSecret = null
		throw error
	})
	return { secret: `review:${await reviewSecret}:${userId}:${serviceCode}:${reps}` }
}

/**
 * The key of one practice or 错题本 page: the person and a random nonce the page carries. The
 * server-side secret keeps the ids opaque although the nonce is in the form.
 */
export async function practiceKey(userId: string, nonce: string): Promise<DisguiseKey> {
	const review = await reviewKey(userId, 'practice', 0)
	return { secret: `practice:${review.secret}:${nonce}` }
}

/** Forget the cached secret (tests empty every table between tests). */
export function forgetDisguiseSecret(): void {
	reviewSecret = null
}

function token(key: DisguiseKey, label: string, length: number): string {
	// Letters first: ids are used in form field names and HTML ids.
	const digest = createHmac('sha256', key.secret).update(label).digest('base64url')
	return `k${digest.replace(/[-_]/g, '').slice(0, length)}`
}

/** The id the browser uses for an item. */
export function itemToken(key: DisguiseKey, item: Pick<QuizItem, 'id'>): string {
	return token(key, `item:${item.id}`, 12)
}

/** The item with every id it shows replaced by an opaque one; the bank ids stay as `source`. */
export function disguiseItem(item: QuizItem, key: DisguiseKey): QuizItem {
	const choice =
		(scope: string) =>
		<T extends Choice>(c: T): T => ({
			...c,
			id: token(key, `option:${item.id}:${scope}:${c.id}`, 8),
			source: c.id,
		})
	const map = (scope: string, ids: Array<string>) =>
		ids.map((id) => token(key, `option:${item.id}:${scope}:${id}`, 8))
	const ref = itemToken(key, item)
	switch (item.kind) {
		case 'single':
		case 'multiple':
		case 'order':
			return {
				...item,
				ref,
				options: item.options.map(choice('')),
				answer: map('', item.answer),
			}
		case 'truefalse':
			return { ...item, ref }
		case 'scenario': {
			const decisionId = (id: string) => token(key, `decision:${item.id}:${id}`, 8)
			return {
				...item,
				ref,
				decisions: item.decisions.map((d) => ({
					...d,
					id: decisionId(d.id),
					source: d.id,
					options: d.options.map((o) => ({
						...choice(d.id)(o),
						...(o.next && o.next !== 'end' ? { next: decisionId(o.next) } : {}),
					})),
				})),
			}
		}
	}
}

/**
 * An answer given in a disguised item's ids, in the bank's ids. Ids it does not know make it
 * null (a tampered or stale form): the caller refuses it.
 */
export function bankAnswer(disguised: QuizItem, answer: Answer): Answer | null {
	const source = (options: ReadonlyArray<Choice>, id: string) =>
		options.find((o) => o.id === id)?.source ?? null
	switch (answer.kind) {
		case 'single': {
			if (disguised.kind !== 'single') return null
			const id = source(disguised.options, answer.choice)
			return id ? { kind: 'single', choice: id } : null
		}
		case 'multiple': {
			if (disguised.kind !== 'multiple') return null
			const ids = answer.choices.map((c) => source(disguised.options, c))
			return ids.every((id) => id !== null) ? { kind: 'multiple', choices: ids } : null
		}
		case 'truefalse':
			return disguised.kind === 'truefalse' ? answer : null
		case 'order': {
			if (disguised.kind !== 'order') return null
			// An empty place is a step not chosen yet.
			const ids = answer.sequence.map((c) => (c === '' ? '' : source(disguised.options, c)))
			return ids.every((id) => id !== null) ? { kind: 'order', sequence: ids } : null
		}
		case 'scenario': {
			if (disguised.kind !== 'scenario') return null
			const decisions: Record<string, string> = {}
			for (const [decisionId, optionId] of Object.entries(answer.decisions)) {
				const decision = disguised.decisions.find((d) => d.id === decisionId)
				const option = decision ? source(decision.options, optionId) : null
				if (!decision?.source || !option) return null
				decisions[decision.source] = option
			}
			return { kind: 'scenario', decisions }
		}
	}
}

/** A stored answer (bank ids) in the disguised item's ids, to prefill the page. */
export function disguisedAnswer(disguised: QuizItem, answer: Answer): Answer {
	const token = (options: ReadonlyArray<Choice>, id: string) =>
		options.find((o) => o.source === id)?.id ?? id
	switch (answer.kind) {
		case 'single':
			return disguised.kind === 'single'
				? { kind: 'single', choice: token(disguised.options, answer.choice) }
				: answer
		case 'multiple':
			return disguised.kind === 'multiple'
				? { kind: 'multiple', choices: answer.choices.map((c) => token(disguised.options, c)) }
				: answer
		case 'truefalse':
			return answer
		case 'order':
			return disguised.kind === 'order'
				? {
						kind: 'order',
						sequence: answer.sequence.map((c) => (c === '' ? '' : token(disguised.options, c))),
					}
				: answer
		case 'scenario': {
			if (disguised.kind !== 'scenario') return answer
			const decisions: Record<string, string> = {}
			for (const [decisionId, optionId] of Object.entries(answer.decisions)) {
				const decision = disguised.decisions.find((d) => d.source === decisionId)
				if (decision) decisions[decision.id] = token(decision.options, optionId)
			}
			return { kind: 'scenario', decisions }
		}
	}
}
