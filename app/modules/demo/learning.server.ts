// Demo learning history: studied lessons, attempts (with real drawn items and graded results),
// certifications at every stage (ready, almost ready, expiring, expired, outdated by a manual
// change), so every screen has something real to show. Deterministic for a fresh database.
import { randomUUID } from 'node:crypto'
import {
	attemptResults,
	attempts,
	lessonProgress,
	reviewCards,
	reviewLogs,
	serviceRevisions,
	sites,
} from '#drizzle/schema/index.ts'
import { type Catalog } from '#app/modules/catalog/catalog.server.ts'
import { grantCertifications, type GrantInput } from '#app/modules/certification/grant.server.ts'
import { type Normative } from '#app/modules/content/schema.ts'
import { revisionOf } from '#app/modules/content/revision.ts'
import { chosenOptions } from '#app/modules/quizzes/attempts.server.ts'
import { drawExam, drawServiceQuiz } from '#app/modules/quizzes/draw.ts'
import {
	correctAnswer,
	scenarioPath,
	gradeAttempt,
	type Answer,
	type QuizItem,
} from '#app/modules/quizzes/items.ts'
import { seededRandom, shuffle } from '#app/modules/quizzes/random.ts'
import { reviewItem, reviewOutcome, type CardFields } from '#app/modules/review/review.server.ts'
import { getDb } from '#app/utils/db.server.ts'
import { siteServiceSet } from '#app/modules/certification/site-scope.server.ts'

const day = 86_400_000

type Profile = 'ready' | 'almost' | 'outdated' | 'expiring' | 'progress' | 'starting' | 'new'

function wrongAnswer(item: QuizItem): Answer {
	switch (item.kind) {
		case 'single':
			return {
				kind: 'single',
				choice: item.options.find((o) => !item.answer.includes(o.id))?.id ?? '',
			}
		case 'multiple':
			return {
				kind: 'multiple',
				choices: item.answer.slice(0, Math.max(1, item.answer.length - 1)),
			}
		case 'truefalse':
			return { kind: 'truefalse', value: !item.answer }
		case 'order':
			return { kind: 'order', sequence: [...item.answer].reverse() }
		case 'scenario': {
			// The first decision wrong, then right along wherever that choice led.
			const decisions: Record<string, string> = {}
			for (let step = 0; step < item.decisions.length; step++) {
				const open = scenarioPath(item, decisions).steps.find((s) => s.option === null)
				const option = open?.decision.options.find((o) => (step === 0 ? !o.correct : o.correct))
				if (!open || !option) break
				decisions[open.decision.id] = option.id
			}
			return { kind: 'scenario', decisions }
		}
	}
}

/**
 * The manual's previous edition of a few services, as the revision history would hold it: the
 * "outdated" demo clerks were certified on these, so they see what changed.
 */
function previousEdition(service: Normative): Normative {
	if (service.mode === '承诺' && service.promiseDays !== null) {
		return {
			...service,
			promiseDays: service.promiseDays + 5,
			materials: service.materials.slice(0, Math.max(1, service.materials.length - 1)),
		}
	}
	return {
		...service,
		materials: service.materials.slice(0, Math.max(1, service.materials.length - 1)),
		pitfalls: service.pitfalls.slice(0, 1),
	}
}

export async function seedDemoLearning(
	catalog: Catalog,
	clerks: Array<{ id: string; username: string; siteId: number }>,
): Promise<void> {
	const random = seededRandom('counter-ready-demo')
	const now = Date.now()
	const db = getDb()
	const siteRows = await db.select().from(sites)
	const offered = new Map<number, Set<string>>()
	for (const site of siteRows) offered.set(site.id, await siteServiceSet(site.id, catalog))

	// Three services changed in the latest edition of the manual (revision history rows).
	const changedCodes = ['XY-SY-001', 'XY-SBK-007', 'XY-YL-026'].filter((code) =>
		catalog.services.has(code),
	)
	const oldRevisions = new Map<string, string>()
	for (const code of changedCodes) {
		const service = catalog.services.get(code)
		if (!service) continue
		const old = previousEdition(service.normative)
		const revision = revisionOf(old)
		oldRevisions.set(code, revision)
		await db
			.insert(serviceRevisions)
			.values({
				serviceCode: code,
				revision,
				normative: old,
				firstSeenAt: new Date(now - 200 * day),
			})
			.onConflictDoNothing()
	}

	const profiles: Array<Profile> = [
		'progress',
		'ready',
		'ready',
		'almost',
		'almost',
		'outdated',
		'outdated',
		'expiring',
		'starting',
		'new',
	]
	const attemptRows: Array<typeof attempts.$inferInsert> = []
	const resultRows: Array<typeof attemptResults.$inferInsert> = []
	const grants: Array<GrantInput> = []
	const studiedRows: Array<typeof lessonProgress.$inferInsert> = []
	const cardRows: Array<typeof reviewCards.$inferInsert> = []
	const reviewRows: Array<typeof reviewLogs.$inferInsert> = []

	/** Daily reviews since a certification, as the scheduler would have asked them. */
	function addReviews(userId: string, code: string, certifiedAt: number) {
		const service = catalog.services.get(code)
		if (!service) return
		let card: CardFields | null = null
		let at = certifiedAt + day + Math.floor(random() * 10) * 3_600_000
		for (let reps = 0; reps < 12 && at < now - 3_600_000; reps++) {
			const item = reviewItem(userId, code, reps, catalog)
			if (!item) return
			const answer = random() < 0.85 ? correctAnswer(item) : wrongAnswer(item)
			const outcome = reviewOutcome(card, item, answer, new Date(at), catalog)
			reviewRows.push({
				userId,
				serviceCode: code,
				repsBefore: reps,
				revision: service.revision,
				itemId: item.id,
				item,
				answer,
				score: outcome.grade.score,
				correct: outcome.grade.correct,
				rating: outcome.rating,
				due: outcome.card.due,
				scheduledDays: outcome.card.scheduledDays,
				reviewedAt: new Date(at),
			})
			card = outcome.card
			at = Math.max(card.due.getTime(), at + day) + Math.floor(random() * 6) * 3_600_000
		}
		if (card) cardRows.push({ userId, serviceCode: code, ...card })
	}

	function addAttempt(
		userId: string,
		code: string | null,
		items: Array<QuizItem>,
		passRule: { passPercent: number; requireCritical: boolean },
		when: number,
		pass: boolean,
		revision: string,
	) {
		const answers = new Map<string, Answer>()
		let wrongLeft = pass ? (random() < 0.5 ? 1 : 0) : 2 + Math.floor(random() * 3)
		for (const item of shuffle(items, random)) {
			const makeWrong = wrongLeft > 0 && (!pass || !item.critical)
			answers.set(item.id, makeWrong ? wrongAnswer(item) : correctAnswer(item))
			if (makeWrong) wrongLeft--
		}
		const grade = gradeAttempt(items, answers, passRule)
		const id = randomUUID()
		const submittedAt = new Date(when)
		attemptRows.push({
			id,
			userId,
			kind: code ? 'service' : 'exam',
			serviceCode: code,
			revision,
			seed: id.slice(0, 16),
			items,
			status: 'submitted',
			startedAt: new Date(when - (code ? 6 : 48) * 60_000),
			submittedAt,
			position: items.length,
			focusLosses: code ? 0 : Math.floor(random() * 3),
			percent: grade.percent,
			correctCount: grade.correctCount,
			total: grade.total,
			passed: grade.passed,
			criticalMissed: grade.criticalMissed,
		})
		items.forEach((item, position) => {
			const g = grade.items[position]
			const answer = answers.get(item.id)
			resultRows.push({
				attemptId: id,
				itemId: item.id,
				position,
				serviceCode: item.services[0] ?? '',
				topic: item.topic,
				kind: item.kind,
				score: g?.score ?? 0,
				correct: g?.correct ?? false,
				answered: true,
				chosen: chosenOptions(answer),
			})
		})
		if (grade.passed) {
			grants.push({
				userId,
				serviceCode: code,
				revision,
				source: code ? 'quiz' : 'exam',
				attemptId: id,
				grantedAt: submittedAt,
			})
		}
		return grade.passed
	}

	const serviceRule = {
		passPercent: catalog.rules.service.passPercent,
		requireCritical: catalog.rules.service.requireCritical,
	}
	const pool = (code: string) =>
		(catalog.bank.byService.get(code) ?? []).flatMap((id) => {
			const item = catalog.bank.items.get(id)
			return item ? [item] : []
		})

	clerks.forEach((clerk, index) => {
		const profile: Profile = profiles[index % profiles.length] ?? 'progress'
		const codes = catalog.ordered
			.map((s) => s.code)
			.filter((code) => offered.get(clerk.siteId)?.has(code))
		const share = {
			ready: 1,
			almost: 0.96,
			outdated: 1,
			expiring: 1,
			progress: 0.12,
			starting: 0.03,
			new: 0,
		}[profile]
		const certifiedCodes = codes.slice(0, Math.round(codes.length * share))
		for (const [i, code] of certifiedCodes.entries()) {
			const service = catalog.services.get(code)
			if (!service) continue
			const outdatedHere = profile === 'outdated' && oldRevisions.has(code)
			const revision = outdatedHere
				? (oldRevisions.get(code) ?? service.revision)
				: service.revision
			// Spread over the last months; the "expiring" clerk certified most of it almost a year ago.
			const ageDays =
				profile === 'expiring' && i % 3 === 0
					? 350 + (i % 10)
					: outdatedHere
						? 250
						: 5 + Math.floor(random() * 150)
			const when = now - ageDays * day - Math.floor(random() * 8) * 3_600_000
			if (random() < 0.15)
				addAttempt(
					clerk.id,
					code,
					drawServiceQuiz(pool(code), { size: 8, maxScenarios: 2, seed: `${clerk.id}:${code}:f` }),
					serviceRule,
					when - 2 * day,
					false,
					revision,
				)
			addAttempt(
				clerk.id,
				code,
				drawServiceQuiz(pool(code), { size: 8, maxScenarios: 2, seed: `${clerk.id}:${code}` }),
				serviceRule,
				when,
				true,
				revision,
			)
			studiedRows.push({
				userId: clerk.id,
				serviceCode: code,
				revision,
				studiedAt: new Date(when - day),
			})
			// Veterans keep their first services fresh with daily reviews.
			if ((profile === 'ready' || profile === 'almost') && i < 24 && !outdatedHere && ageDays < 340)
				addReviews(clerk.id, code, when)
		}
		// Failed three times on one hard service: shows up in the trainer's alerts.
		if (profile === 'progress' && codes[certifiedCodes.length]) {
			const code = codes[certifiedCodes.length] ?? ''
			const revision = catalog.services.get(code)?.revision ?? ''
			for (let k = 0; k < 3; k++)
				addAttempt(
					clerk.id,
					code,
					drawServiceQuiz(pool(code), {
						size: 8,
						maxScenarios: 2,
						seed: `${clerk.id}:${code}:${k}`,
					}),
					serviceRule,
					now - (3 - k) * day,
					false,
					revision,
				)
		}
		if (
			profile === 'ready' ||
			profile === 'outdated' ||
			profile === 'expiring' ||
			profile === 'almost'
		) {
			const poolByService = new Map(
				codes.map((code) => [
					code,
					pool(code).filter((item) => item.kind !== 'scenario' || item.services[0] === code),
				]),
			)
			const categoryOf = new Map(
				codes.map((code) => [code, catalog.services.get(code)?.frontmatter.category ?? '']),
			)
			const items = drawExam(poolByService, categoryOf, {
				size: catalog.rules.exam.items,
				maxScenarios: catalog.rules.exam.maxScenarios,
				seed: `${clerk.id}:exam`,
			})
			addAttempt(
				clerk.id,
				null,
				items,
				{ passPercent: catalog.rules.exam.passPercent, requireCritical: false },
				now - (profile === 'expiring' ? 340 : 20) * day,
				true,
				catalog.fingerprint,
			)
		}
	})

	await db.transaction(async (tx) => {
		for (let i = 0; i < attemptRows.length; i += 200)
			await tx.insert(attempts).values(attemptRows.slice(i, i + 200))
		for (let i = 0; i < resultRows.length; i += 1000)
			await tx.insert(attemptResults).values(resultRows.slice(i, i + 1000))
		await grantCertifications(tx, grants, catalog.rules)
		for (let i = 0; i < cardRows.length; i += 1000)
			await tx.insert(reviewCards).values(cardRows.slice(i, i + 1000))
		for (let i = 0; i < reviewRows.length; i += 500)
			await tx.insert(reviewLogs).values(reviewRows.slice(i, i + 500))
		for (let i = 0; i < studiedRows.length; i += 1000)
			await tx
				.insert(lessonProgress)
				.values(studiedRows.slice(i, i + 1000))
				.onConflictDoNothing()
	})
}
