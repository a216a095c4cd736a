// The alert lists a trainer works through (shared by the server and the alerts page).
export const alertKinds = ['expiring', 'expired', 'outdated', 'never', 'failed'] as const
export type AlertKind = (typeof alertKinds)[number]
