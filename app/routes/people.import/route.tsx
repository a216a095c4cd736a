import {
	data,
	MaxPartSizeExceededError,
	unstable_createMemoryUploadHandler,
	unstable_parseMultipartFormData,
	type ActionFunctionArgs,
	type LoaderFunctionArgs,
	type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { Notice } from '#app/components/ui/form.tsx'
import { requireRole } from '#app/modules/auth/require.server.ts'
import { managedSiteIds } from '#app/modules/people/people.server.ts'
import {
	importUsers,
	type ImportError,
	type ImportedUser,
} from '#app/modules/people/user-import.server.ts'
import { type MessageKey } from '#app/utils/i18n/index.ts'
import { requestLimits } from '#app/utils/request-limits.ts'
import { Breadcrumbs } from '#app/components/ui/breadcrumbs.tsx'
import { useT } from '#app/utils/use-root-data.ts'
import { pageTitle } from '#app/utils/meta.ts'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'title.peopleImport')

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, ['trainer', 'admin'])
	return null
}

type ActionData =
	| { ok: true; created: Array<ImportedUser> }
	| { ok: false; errors: Array<ImportError>; errorCount?: number; message?: MessageKey }

export async function action({ request }: ActionFunctionArgs) {
	const actor = await requireRole(request, ['trainer', 'admin'])
	const scope = await managedSiteIds(actor)
	let formData: FormData
	try {
		formData = await unstable_parseMultipartFormData(
			request,
			unstable_createMemoryUploadHandler({ maxPartSize: requestLimits.uploadFileBytes }),
		)
	} catch (error) {
		if (error instanceof MaxPartSizeExceededError) {
			return data<ActionData>({ ok: false, errors: [], message: 'import.tooBig' }, { status: 413 })
		}
		return data<ActionData>({ ok: false, errors: [], message: 'import.noFile' }, { status: 400 })
	}
	const file = formData.get('file')
	if (!(file instanceof File) || file.size === 0) {
		return data<ActionData>({ ok: false, errors: [], message: 'import.noFile' }, { status: 400 })
	}
	const result = await importUsers(
		file.name,
		new Uint8Array(await file.arrayBuffer()),
		actor,
		scope,
	)
	const busy = !result.ok && result.errors.some((e) => e.code === 'busy')
	return data<ActionData>(result, { status: result.ok ? 201 : busy ? 429 : 422 })
}

export default function ImportPeople() {
	const t = useT()
	const actionData = useActionData<typeof action>()
	return (
		<div className="page">
			<Breadcrumbs
				trail={[{ to: '/people', label: t('people.title') }]}
				current={t('import.title')}
			/>
			<h1>{t('import.title')}</h1>
			<p>{t('import.help')}</p>
			<p>
				<a href="/people/import-template" download>
					{t('import.template')}
				</a>
			</p>
			{actionData && !actionData.ok && actionData.message ? (
				<Notice tone="bad">{t(actionData.message)}</Notice>
			) : null}
			{actionData && !actionData.ok && actionData.errors.length > 0 ? (
				<div className="error-message" role="alert">
					<p>
						{t('import.failed', { count: actionData.errorCount ?? actionData.errors.length })}
						{(actionData.errorCount ?? 0) > actionData.errors.length
							? ` ${t('import.firstErrors', { count: actionData.errors.length })}`
							: null}
					</p>
					<div className="table-wrap" tabIndex={0}>
						<table>
							<thead>
								<tr>
									<th scope="col">{t('import.rowHeader')}</th>
									<th scope="col">{t('import.column')}</th>
									<th scope="col">{t('import.problem')}</th>
								</tr>
							</thead>
							<tbody>
								{actionData.errors.map((e, i) => (
									<tr key={i}>
										<td>{e.row > 0 ? t('import.row', { row: e.row }) : '—'}</td>
										<td>{e.column}</td>
										<td>{t(`import.err.${e.code}`, { value: e.value ?? '' })}</td>
									</tr>
								))}
							</tbody>
						</table>
					</div>
				</div>
			) : null}
			{actionData?.ok ? (
				<Notice tone="ok">
					<p>{t('import.done', { count: actionData.created.length })}</p>
					<div className="table-wrap" tabIndex={0}>
						<table>
							<thead>
								<tr>
									<th scope="col">{t('people.username')}</th>
									<th scope="col">{t('people.displayName')}</th>
									<th scope="col">{t('people.site')}</th>
									<th scope="col">{t('people.role')}</th>
									<th scope="col">{t('people.initialPassword')}</th>
								</tr>
							</thead>
							<tbody>
								{actionData.created.map((u) => (
									<tr key={u.username}>
										<td>{u.username}</td>
										<td>{u.displayName}</td>
										<td>{u.siteName}</td>
										<td>{t(`role.${u.role}`)}</td>
										<td>
											<span className="secret">{u.password}</span>
										</td>
									</tr>
								))}
							</tbody>
						</table>
					</div>
				</Notice>
			) : (
				<Form method="post" encType="multipart/form-data" className="form">
					<div className="field">
						<label htmlFor="file">{t('import.file')}</label>
						<input
							id="file"
							name="file"
							type="file"
							accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
							required
						/>
					</div>
					<div>
						<button type="submit" className="button">
							{t('import.submit')}
						</button>
					</div>
				</Form>
			)}
		</div>
	)
}
