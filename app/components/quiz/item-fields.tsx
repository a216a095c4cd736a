// The inputs of one item, by kind, prefilled with the learner's saved answer. Plain form
// controls: they work before JavaScript loads and with a keyboard.
import { type Answer } from '#app/modules/quizzes/items.ts'
import { type ItemView } from '#app/modules/quizzes/views.server.ts'
import { useT } from '#app/utils/use-root-data.ts'

function Html({ html, as: Tag = 'div', id }: { html: string; as?: 'div' | 'span'; id?: string }) {
	return <Tag id={id} className="markdown" dangerouslySetInnerHTML={{ __html: html }} />
}

export function ItemFields({ item, answer }: { item: ItemView; answer: Answer | null }) {
	const t = useT()
	const stemId = `stem-${item.id}`
	switch (item.kind) {
		case 'single':
		case 'multiple': {
			const chosen = new Set(
				answer?.kind === 'single'
					? [answer.choice]
					: answer?.kind === 'multiple'
						? answer.choices
						: [],
			)
			return (
				<fieldset aria-describedby={stemId}>
					<legend className="sr-only">
						{item.kind === 'single' ? t('attempt.chooseOne') : t('attempt.chooseAll')}
					</legend>
					<Html html={item.stemHtml} id={stemId} />
					<p className="muted">
						{item.kind === 'single' ? t('attempt.chooseOne') : t('attempt.chooseAll')}
					</p>
					{item.options.map((option) => (
						<label key={option.id} className={item.kind === 'single' ? 'radio' : 'checkbox'}>
							<input
								type={item.kind === 'single' ? 'radio' : 'checkbox'}
								name={item.kind === 'single' ? 'choice' : 'choices'}
								value={option.id}
								defaultChecked={chosen.has(option.id)}
							/>
							<Html html={option.html} as="span" />
						</label>
					))}
				</fieldset>
			)
		}
		case 'truefalse': {
			const value = answer?.kind === 'truefalse' ? answer.value : null
			return (
				<fieldset aria-describedby={stemId}>
					<legend className="sr-only">{t('attempt.trueOrFalse')}</legend>
					<Html html={item.stemHtml} id={stemId} />
					<label className="radio">
						<input type="radio" name="value" value="true" defaultChecked={value === true} />
						<span>{t('attempt.true')}</span>
					</label>
					<label className="radio">
						<input type="radio" name="value" value="false" defaultChecked={value === false} />
						<span>{t('attempt.false')}</span>
					</label>
				</fieldset>
			)
		}
		case 'order': {
			const sequence = answer?.kind === 'order' ? answer.sequence : []
			return (
				<fieldset aria-describedby={stemId}>
					<legend className="sr-only">{t('attempt.orderSteps')}</legend>
					<Html html={item.stemHtml} id={stemId} />
					<p className="muted">{t('attempt.orderHelp')}</p>
					<ol className="order-list">
						{item.options.map((_, position) => (
							<li key={position} className="field">
								<label htmlFor={`${item.id}-pos-${position}`}>
									{t('attempt.stepN', { n: position + 1 })}
								</label>
								<select
									id={`${item.id}-pos-${position}`}
									name="sequence"
									defaultValue={sequence[position] ?? ''}
								>
									<option value="">{t('attempt.chooseStep')}</option>
									{item.options.map((option) => (
										<option key={option.id} value={option.id}>
											{option.html.replace(/<[^>]+>/g, '')}
										</option>
									))}
								</select>
							</li>
						))}
					</ol>
				</fieldset>
			)
		}
		case 'scenario': {
			// Decisions come one at a time: those confirmed show the choice (fixed), the current one
			// can be chosen and confirmed; what comes next appears only after that.
			const current = item.ended ? null : item.decisions.find((d) => d.chosen === null)
			return (
				<div className="scenario">
					<h3>{item.title}</h3>
					<p>
						<strong>{t('attempt.citizen')}</strong>
						{item.citizen}
					</p>
					<Html html={item.stemHtml} id={stemId} />
					<h4>{t('attempt.documents')}</h4>
					<ul>
						{item.documents.map((d) => (
							<li key={d}>{d}</li>
						))}
					</ul>
					{item.decisions.map((decision, n) => {
						const open = decision.id === current?.id
						return (
							<fieldset
								key={decision.id}
								className={`decision ${open ? 'is-open' : 'is-decided'}`}
								disabled={!open}
							>
								<legend>
									{t('attempt.decisionN', { n: n + 1 })}
									{open ? null : (
										<span className="badge badge-info" style={{ marginLeft: '0.5rem' }}>
											{t('attempt.decided')}
										</span>
									)}
								</legend>
								<Html html={decision.promptHtml} />
								{decision.options.map((option) => (
									<label key={option.id} className="radio">
										<input
											type="radio"
											name={`decision.${decision.id}`}
											value={option.id}
											defaultChecked={decision.chosen === option.id}
										/>
										<Html html={option.html} as="span" />
									</label>
								))}
								{open ? (
									<>
										<p className="muted">{t('attempt.decideHelp')}</p>
										<button type="submit" name="intent" value="decide" className="button secondary">
											{t('attempt.decide')}
										</button>
									</>
								) : null}
							</fieldset>
						)
					})}
					{item.ended ? <p className="notice">{t('attempt.scenarioEnded')}</p> : null}
				</div>
			)
		}
	}
}
