// The fields of a person shared by the create and edit forms.
import { type FieldMetadata } from '@conform-to/react'
import { SelectField } from '#app/components/ui/form.tsx'
import { useT } from '#app/utils/use-root-data.ts'

type Option = { id: number; name: string }

export function UserRoleSiteFields({
	fields,
	roles,
	sites,
	cohorts,
	disableRole,
}: {
	fields: {
		role: FieldMetadata<string>
		siteId: FieldMetadata<string>
		cohortId: FieldMetadata<string>
	}
	roles: ReadonlyArray<'clerk' | 'trainer' | 'admin'>
	sites: Array<Option>
	cohorts: Array<Option>
	disableRole?: boolean
}) {
	const t = useT()
	return (
		<>
			{disableRole ? (
				<input type="hidden" name={fields.role.name} value={fields.role.initialValue ?? 'clerk'} />
			) : (
				<SelectField
					field={fields.role}
					label={t('people.role')}
					options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
				/>
			)}
			<SelectField
				field={fields.siteId}
				label={t('people.site')}
				options={sites.map((s) => ({ value: String(s.id), label: s.name }))}
			/>
			<SelectField
				field={fields.cohortId}
				label={t('people.cohort')}
				options={[
					{ value: '', label: t('people.noCohort') },
					...cohorts.map((c) => ({ value: String(c.id), label: c.name })),
				]}
			/>
		</>
	)
}

export function OneTimeSecret({ label, value }: { label: string; value: string }) {
	return (
		<p>
			{label}：<span className="secret">{value}</span>
		</p>
	)
}
