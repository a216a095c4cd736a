// Form fields with label, hint and errors wired for screen readers. Errors arrive as message
// keys (from zod schemas) and are translated here.
import { type FieldMetadata, getInputProps, getSelectProps } from '@conform-to/react'
import { type ReactNode } from 'react'
import { translateLoose } from '#app/utils/i18n/index.ts'
import { useT } from '#app/utils/use-root-data.ts'

export function FieldErrors({ id, errors }: { id: string; errors: Array<string> | undefined }) {
	const t = useT()
	if (!errors || errors.length === 0) return null
	return (
		<p id={id} className="field-error">
			{errors.map((e) => translateLoose(t, e)).join(' ')}
		</p>
	)
}

export function FormErrors({
	id,
	errors,
	params,
}: {
	id: string
	errors: Array<string> | undefined
	params?: Record<string, string | number>
}) {
	const t = useT()
	if (!errors || errors.length === 0) return null
	return (
		<div id={id} className="error-message" role="alert">
			{errors.map((e) => (
				<p key={e} style={{ margin: 0 }}>
					{translateLoose(t, e, params)}
				</p>
			))}
		</div>
	)
}

type InputType = 'text' | 'password' | 'search' | 'date'

export function TextField({
	field,
	label,
	hint,
	type = 'text',
	autoComplete,
	autoFocus,
}: {
	field: FieldMetadata<string>
	label: string
	hint?: string
	type?: InputType
	autoComplete?: string
	autoFocus?: boolean
}) {
	const hintId = hint ? `${field.id}-hint` : undefined
	const props = getInputProps(field, { type, ariaDescribedBy: hintId })
	return (
		<div className="field">
			<label htmlFor={field.id}>{label}</label>
			{hint ? (
				<span id={hintId} className="hint">
					{hint}
				</span>
			) : null}
			<input {...props} key={props.key} autoComplete={autoComplete} autoFocus={autoFocus} />
			<FieldErrors id={field.errorId} errors={field.errors} />
		</div>
	)
}

export function SelectField({
	field,
	label,
	options,
	hint,
}: {
	field: FieldMetadata<string>
	label: string
	options: Array<{ value: string; label: string }>
	hint?: string
}) {
	const hintId = hint ? `${field.id}-hint` : undefined
	const props = getSelectProps(field, { ariaDescribedBy: hintId })
	return (
		<div className="field">
			<label htmlFor={field.id}>{label}</label>
			{hint ? (
				<span id={hintId} className="hint">
					{hint}
				</span>
			) : null}
			<select {...props} key={props.key}>
				{options.map((o) => (
					<option key={o.value} value={o.value}>
						{o.label}
					</option>
				))}
			</select>
			<FieldErrors id={field.errorId} errors={field.errors} />
		</div>
	)
}

export function Notice({
	tone = 'info',
	children,
}: {
	tone?: 'info' | 'ok' | 'warn' | 'bad'
	children: ReactNode
}) {
	return (
		<div
			className={`notice ${tone === 'info' ? '' : tone}`}
			role={tone === 'bad' ? 'alert' : 'status'}
		>
			{children}
		</div>
	)
}

/** A labelled select in a filter bar (GET form), with an "all" choice first. */
export function FilterSelect({
	name,
	label,
	value,
	options,
}: {
	name: string
	label: string
	value: string | number | undefined
	options: Array<{ value: string | number; label: string }>
}) {
	const t = useT()
	return (
		<div className="field">
			<label htmlFor={name}>{label}</label>
			<select id={name} name={name} defaultValue={value ?? ''}>
				<option value="">{t('form.all')}</option>
				{options.map((o) => (
					<option key={o.value} value={o.value}>
						{o.label}
					</option>
				))}
			</select>
		</div>
	)
}
