import { describe, expect, test } from 'vitest'
import {
	certificationStatus,
	computeReadiness,
	governingCertification,
	type CertificationFact,
} from './status.ts'

const now = new Date('2026-11-26T12:00:00+08:00')
const day = 86_400_000
const fact = (overrides: Partial<CertificationFact>): CertificationFact => ({
	serviceCode: 'A',
	revision: 'r1',
	earnedAt: new Date(now.getTime() - 100 * day),
	expiresAt: new Date(now.getTime() + 200 * day),
	attemptId: 'x',
	...overrides,
})

describe('certification status', () => {
	test.each([
		['none', null, 'none'],
		['valid', fact({}), 'valid'],
		[
			'expiring within 30 days',
			fact({ expiresAt: new Date(now.getTime() + 30 * day) }),
			'expiring',
		],
		['expired', fact({ expiresAt: new Date(now.getTime() - 1) }), 'expired'],
		['outdated by a revision change, even if unexpired', fact({ revision: 'r0' }), 'outdated'],
	] as const)('%s', (_, certification, status) => {
		expect(certificationStatus(certification, 'r1', now, 30)).toBe(status)
	})

	test('the certification on the current revision speaks for the service, even if an older one is later', () => {
		const current = fact({ revision: 'r1', earnedAt: new Date(now.getTime() - 50 * day) })
		const older = fact({ revision: 'r0', earnedAt: new Date(now.getTime() - 10 * day) })
		expect(governingCertification([older, current], 'r1')).toBe(current)
		expect(governingCertification([older], 'r1')).toBe(older)
	})
})

describe('readiness', () => {
	const services = [
		{ code: 'A', revision: 'r1' },
		{ code: 'B', revision: 'r1' },
	]
	const exam = [fact({ serviceCode: null, revision: 'bank' })]

	test('ready only with every service certified on its current revision and the exam valid', () => {
		const all = [fact({ serviceCode: 'A' }), fact({ serviceCode: 'B' })]
		expect(
			computeReadiness({
				services,
				certifications: all,
				examCertifications: exam,
				now,
				expiringSoonDays: 30,
			}).ready,
		).toBe(true)
		expect(
			computeReadiness({
				services,
				certifications: all,
				examCertifications: [],
				now,
				expiringSoonDays: 30,
			}).ready,
		).toBe(false)
		expect(
			computeReadiness({
				services,
				certifications: all.slice(0, 1),
				examCertifications: exam,
				now,
				expiringSoonDays: 30,
			}),
		).toMatchObject({ ready: false, certified: 1, total: 2 })
		const outdated = [fact({ serviceCode: 'A' }), fact({ serviceCode: 'B', revision: 'r0' })]
		const readiness = computeReadiness({
			services,
			certifications: outdated,
			examCertifications: exam,
			now,
			expiringSoonDays: 30,
		})
		expect(readiness.ready).toBe(false)
		expect(readiness.services.map((s) => s.status)).toEqual(['valid', 'outdated'])
	})

	test('an expiring certification still counts; an expired exam does not', () => {
		const expiring = [
			fact({ serviceCode: 'A', expiresAt: new Date(now.getTime() + 5 * day) }),
			fact({ serviceCode: 'B' }),
		]
		expect(
			computeReadiness({
				services,
				certifications: expiring,
				examCertifications: exam,
				now,
				expiringSoonDays: 30,
			}).ready,
		).toBe(true)
		const oldExam = [fact({ serviceCode: null, expiresAt: new Date(now.getTime() - day) })]
		expect(
			computeReadiness({
				services,
				certifications: expiring,
				examCertifications: oldExam,
				now,
				expiringSoonDays: 30,
			}).exam.status,
		).toBe('expired')
	})

	test('a site offering no services is never "ready" by default', () => {
		expect(
			computeReadiness({
				services: [],
				certifications: [],
				examCertifications: exam,
				now,
				expiringSoonDays: 30,
			}).ready,
		).toBe(false)
	})
})
