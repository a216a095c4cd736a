// The certificate code form of the public verification pages (a plain GET: works without JS).
import { Form } from '@remix-run/react'
import { useT } from '#app/utils/use-root-data.ts'

export function VerifyForm({ label }: { label: string }) {
	const t = useT()
	return (
		<Form method="get" action="/verify" className="form no-print">
			<div className="field">
				<label htmlFor="code">{label}</label>
				<input
					id="code"
					name="code"
					type="text"
					placeholder="XXXX-XXXX-XXXX"
					autoComplete="off"
					required
					maxLength={20}
					aria-describedby="code-hint"
				/>
				<p id="code-hint" className="hint">
					{t('verify.hint')}
				</p>
			</div>
			<div>
				<button type="submit" className="button">
					{t('verify.submit')}
				</button>
			</div>
		</Form>
	)
}
