// The kinds of event the audit trail records (shared with the audit page).
export const auditActions = [
	'user.create',
	'user.update',
	'user.role',
	'user.editor_right',
	'user.deactivate',
	'user.reactivate',
	'user.password_reset',
	'user.import',
	'site.create',
	'site.services',
	'cohort.create',
	'content.sync',
	'manual.publish',
	'settings.update',
	'certification.earned',
	'certification.exam_passed',
	'certification.carried',
	'certificate.issued',
	'zero_refusal.case',
	'zero_refusal.work_order',
	'zero_refusal.standard',
	'api.token_created',
	'api.token_revoked',
	'api.readiness_read',
	'exam.moved',
	'exam.extra_time',
] as const
export type AuditAction = (typeof auditActions)[number]

export function isAuditAction(value: string): value is AuditAction {
	return auditActions.some((action) => action === value)
}
