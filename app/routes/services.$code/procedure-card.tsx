// The counter checklist of a service: everything a clerk checks at intake, on one printable card.
import { type Frontmatter } from '#app/modules/content/schema.ts'
import { useT } from '#app/utils/use-root-data.ts'

export function ProcedureCard({
	service,
	unitDuty,
}: {
	service: Frontmatter
	unitDuty: string | null
}) {
	const t = useT()
	return (
		<section className="procedure-card" aria-labelledby="procedure-card-title">
			<h2 id="procedure-card-title">{t('lesson.card')}</h2>
			<dl>
				<div>
					<dt>{t('lesson.mode')}</dt>
					<dd>
						{service.mode === '即办'
							? t('catalog.immediate')
							: t('catalog.promisedDays', { days: service.promiseDays ?? 0 })}
					</dd>
				</div>
				<div>
					<dt>{t('lesson.legalDays')}</dt>
					<dd>
						{service.legalDays
							? t(
									service.legalDays.unit === '工作日'
										? 'lesson.workingDays'
										: 'lesson.calendarDays',
									{ n: service.legalDays.value },
								)
							: t('lesson.noLegalDays')}
					</dd>
				</div>
				<div>
					<dt>{t('lesson.backOffice')}</dt>
					<dd>
						{service.backOffice}
						{unitDuty ? <span className="lesson-muted">（{unitDuty}）</span> : null}
					</dd>
				</div>
				<div>
					<dt>{t('catalog.online')}</dt>
					<dd>{service.onlineAvailable ? t('catalog.onlineYes') : t('catalog.onlineNo')}</dd>
				</div>
				<div>
					<dt>{t('lesson.type')}</dt>
					<dd>{service.type}</dd>
				</div>
			</dl>
			<h3>{t('lesson.eligibility')}</h3>
			<p>{service.eligibility}</p>
			<h3>{t('lesson.materials')}</h3>
			<div className="table-wrap" tabIndex={0}>
				<table>
					<thead>
						<tr>
							<th scope="col" className="print-only">
								✓
							</th>
							<th scope="col">{t('lesson.material')}</th>
							<th scope="col">{t('lesson.form')}</th>
							<th scope="col">{t('lesson.condition')}</th>
						</tr>
					</thead>
					<tbody>
						{service.materials.map((m) => (
							<tr key={m.name}>
								<td className="print-only">☐</td>
								<td>{m.name}</td>
								<td>{m.form}</td>
								<td>{m.note ?? t('lesson.always')}</td>
							</tr>
						))}
					</tbody>
				</table>
			</div>
			<h3>{t('lesson.steps')}</h3>
			<ol>
				{service.steps.map((step, i) => (
					<li key={i}>{step}</li>
				))}
			</ol>
			{service.pitfalls.length > 0 ? (
				<>
					<h3>{t('lesson.pitfalls')}</h3>
					<ul>
						{service.pitfalls.map((p) => (
							<li key={p}>{p}</li>
						))}
					</ul>
				</>
			) : null}
			<h3>{t('lesson.basis')}</h3>
			<ul>
				{service.basis.map((b) => (
					<li key={b}>{b}</li>
				))}
			</ul>
		</section>
	)
}
