// Certification status and general-counter readiness: computed from facts (certifications,
// current revisions, the clock), never stored. Pure functions, tested beside this file.

export type CertificationFact = {
	serviceCode: string | null
	revision: string
	earnedAt: Date
	expiresAt: Date
	attemptId: string
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

/**
 * The certification that speaks for a service: the latest one on the current revision if any
 * (a revision can come back), otherwise the latest of all.
 */
export function governingCertification<T extends Pick<CertificationFact, 'revision' | 'earnedAt'>>(
	facts: ReadonlyArray<T>,
	currentRevision: string,
): T | null {
	let onCurrent: T | null = null
	let latest: T | null = null
	for (const fact of facts) {
		if (!latest || fact.earnedAt > latest.earnedAt) latest = fact
		if (fact.revision === currentRevision && (!onCurrent || fact.earnedAt > onCurrent.earnedAt))
			onCurrent = fact
	}
	return onCurrent ?? latest
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
		(best, c) => (!best || c.earnedAt > best.earnedAt ? c : best),
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
