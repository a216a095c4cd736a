// The one definition of standing on a service and of general-counter readiness, as pure
// functions over facts (certifications, current revisions, the clock), tested beside this file.
// The SQL that implements the same rule sits beside it: drizzle/migrations/*_standing_triggers.sql
// keeps service_standing/person_standing, and standing.server.ts derives the states that time
// changes at read time. tests/integration/standing-parity.test.ts holds them together.
//
// The rule, in words: a certification on the service's current revision decides (valid,
// expiring within N days, expired: the one that lasts longest); only without one does an older
// revision make it 需重新认证 (outdated); otherwise 未认证.

export type CertificationFact = {
	serviceCode: string | null
	revision: string
	earnedAt: Date
	expiresAt: Date
	attemptId: string | null
}

/** 有效, 即将到期 (≤ N days), 已过期, 需重新认证 (revision changed), 未认证. */
export type CertificationStatus = 'valid' | 'expiring' | 'expired' | 'outdated' | 'none'

export type ExpiryStatus = Exclude<CertificationStatus, 'outdated'>

/** Status by date alone: the comprehensive exam is not tied to any one service's revision. */
export function expiryStatus(
	expiresAt: Date | null,
	now: Date,
	expiringSoonDays: number,
): ExpiryStatus {
	if (!expiresAt) return 'none'
	if (expiresAt.getTime() <= now.getTime()) return 'expired'
	if (expiresAt.getTime() - now.getTime() <= expiringSoonDays * 86_400_000) return 'expiring'
	return 'valid'
}

export function certificationStatus(
	fact: Pick<CertificationFact, 'revision' | 'expiresAt'> | null,
	currentRevision: string,
	now: Date,
	expiringSoonDays: number,
): CertificationStatus {
	if (!fact) return 'none'
	if (fact.revision !== currentRevision) return 'outdated'
	return expiryStatus(fact.expiresAt, now, expiringSoonDays)
}

/** Statuses that count towards readiness: certified on the current revision and not expired. */
export function countsAsCertified(status: CertificationStatus): boolean {
	return status === 'valid' || status === 'expiring'
}

/** The later-expiring of two certifications (the later earned on a tie). */
function lastsLonger<T extends Pick<CertificationFact, 'earnedAt' | 'expiresAt'>>(
	a: T,
	b: T,
): boolean {
	return (
		a.expiresAt.getTime() > b.expiresAt.getTime() ||
		(a.expiresAt.getTime() === b.expiresAt.getTime() && a.earnedAt > b.earnedAt)
	)
}

/**
 * The certification that speaks for a service: on the current revision, the one that lasts
 * longest (a revision can come back); without one, the latest earned on an older revision.
 */
export function governingCertification<
	T extends Pick<CertificationFact, 'revision' | 'earnedAt' | 'expiresAt'>,
>(facts: ReadonlyArray<T>, currentRevision: string): T | null {
	let onCurrent: T | null = null
	let latest: T | null = null
	for (const fact of facts) {
		if (!latest || fact.earnedAt > latest.earnedAt) latest = fact
		if (fact.revision === currentRevision && (!onCurrent || lastsLonger(fact, onCurrent)))
			onCurrent = fact
	}
	return onCurrent ?? latest
}

/**
 * The state of one certification record by itself (exports list every record): 需重新认证 when
 * its revision is no longer current, otherwise by date.
 */
export function recordStatus(
	record: Pick<CertificationFact, 'serviceCode' | 'revision' | 'expiresAt'>,
	currentRevision: string | null,
	now: Date,
	expiringSoonDays: number,
): CertificationStatus {
	if (record.serviceCode && currentRevision !== null && record.revision !== currentRevision)
		return 'outdated'
	return expiryStatus(record.expiresAt, now, expiringSoonDays)
}

export type ServiceStanding<T extends CertificationFact = CertificationFact> = {
	code: string
	status: CertificationStatus
	certification: T | null
}

export type Readiness<T extends CertificationFact = CertificationFact> = {
	/** 可上综合窗口. */
	ready: boolean
	certified: number
	total: number
	services: Array<ServiceStanding<T>>
	exam: { status: ExpiryStatus; certification: T | null }
}

/**
 * Ready for a general counter when every active service of the site is certified on its current
 * revision and unexpired, and the comprehensive exam is passed and unexpired.
 */
export function computeReadiness<T extends CertificationFact>(input: {
	/** Active services the person's site offers, with their current revisions. */
	services: ReadonlyArray<{ code: string; revision: string }>
	certifications: ReadonlyArray<T>
	examCertifications: ReadonlyArray<T>
	now: Date
	expiringSoonDays: number
}): Readiness<T> {
	const byService = new Map<string, Array<T>>()
	for (const fact of input.certifications) {
		if (!fact.serviceCode) continue
		byService.set(fact.serviceCode, [...(byService.get(fact.serviceCode) ?? []), fact])
	}
	const services = input.services.map(({ code, revision }) => {
		const certification = governingCertification(byService.get(code) ?? [], revision)
		return {
			code,
			certification,
			status: certificationStatus(certification, revision, input.now, input.expiringSoonDays),
		}
	})
	const latestExam = input.examCertifications.reduce<T | null>(
		(best, c) => (!best || lastsLonger(c, best) ? c : best),
		null,
	)
	const exam = {
		status: expiryStatus(latestExam?.expiresAt ?? null, input.now, input.expiringSoonDays),
		certification: latestExam,
	}
	const certified = services.filter((s) => countsAsCertified(s.status)).length
	return {
		ready: services.length > 0 && certified === services.length && countsAsCertified(exam.status),
		certified,
		total: services.length,
		services,
		exam,
	}
}
