// The kinds of event the audit trail records (shared with the audit page).
export const auditActions = [
	'user.create',
	'user.update',
	'user.role',
	'user.deactivate',
	'user.reactivate',
	'user.password_reset',
	'user.import',
	'content.sync',
	'certification.earned',
	'certification.exam_passed',
	'certificate.issued',
	'exam.moved',
	'exam.extra_time',
] as const
export type AuditAction = (typeof auditActions)[number]

export function isAuditAction(value: string): value is AuditAction {
	return auditActions.some((action) => action === value)
}
