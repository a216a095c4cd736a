// A certification status as text and colour (never colour alone).
import { type CertificationStatus } from '#app/modules/certification/status.ts'
import { useT } from '#app/utils/use-root-data.ts'

const tone: Record<CertificationStatus, string> = {
	valid: 'badge badge-ok',
	expiring: 'badge badge-warn',
	expired: 'badge badge-bad',
	outdated: 'badge badge-bad',
	none: 'badge',
}

export function CertificationBadge({
	status,
	changeCount,
}: {
	status: CertificationStatus
	/** For 需重新认证: how many changes the clerk must learn. */
	changeCount?: number
}) {
	const t = useT()
	return (
		<span className={tone[status]}>
			{status === 'outdated' && changeCount !== undefined && changeCount > 0
				? t('recert.label', { n: changeCount })
				: t(`status.${status}`)}
		</span>
	)
}
