// 变更重新认证 for one clerk and service: what changed since their certification, and the short
// quiz on those fields when the rules allow it (certification.yml `recertification`).
import { randomBytes } from 'node:crypto'
import { type SessionUser } from '#app/modules/auth/session.server.ts'
import { revisionChanges, standingOn } from '#app/modules/certification/certifications.server.ts'
import { getCatalog, type Catalog } from '#app/modules/catalog/catalog.server.ts'
import { describeChanges, type RevisionChange } from '#app/modules/content/revision.ts'
import { AttemptError, startServiceAttempt, type AttemptRow } from './attempts.server.ts'
import { type QuizItem } from './items.ts'
import { drawRecertification, planRecertification, type RecertificationPlan } from './recert.ts'

export type Recertification = RecertificationPlan & {
	fromRevision: string
	toRevision: string
	/** One Chinese sentence per change, old → new. */
	changes: Array<string>
	raw: Array<RevisionChange>
}

/** The recertification a clerk owes on a service, or null when their certification is current. */
export async function recertificationOf(
	userId: string,
	code: string,
	catalog: Catalog = getCatalog(),
	now = new Date(),
): Promise<Recertification | null> {
	const service = catalog.services.get(code)
	const standing = await standingOn(userId, code, catalog, now)
	if (!service || !standing?.certification || standing.status !== 'outdated') return null
	const raw = await revisionChanges(code, standing.certification.revision, catalog)
	if (!raw) return null
	const pool = (catalog.bank.byService.get(code) ?? []).flatMap((id) => {
		const item = catalog.bank.items.get(id)
		return item ? [item] : []
	})
	const plan = planRecertification({ changes: raw, pool, rules: catalog.rules.recertification })
	const expired = standing.certification.expiresAt.getTime() <= now.getTime()
	return {
		...plan,
		full: expired ? 'expired' : plan.full,
		candidates: expired ? [] : plan.candidates,
		fromRevision: standing.certification.revision,
		toRevision: service.revision,
		changes: describeChanges(raw),
		raw,
	}
}

/** Start the short quiz on the changed fields; refused (409) when the full quiz is due instead. */
export async function startRecertification(
	user: SessionUser,
	code: string,
	catalog: Catalog = getCatalog(),
): Promise<AttemptRow> {
	const plan = await recertificationOf(user.id, code, catalog)
	if (!plan || plan.full) throw new AttemptError('empty-pool', 409)
	const seed = randomBytes(8).toString('hex')
	const items: Array<QuizItem> = drawRecertification(
		plan.candidates,
		catalog.rules.recertification.items,
		seed,
	)
	return startServiceAttempt(user, code, catalog, {
		recertification: { items, carriesFrom: plan.fromRevision, seed },
	})
}
