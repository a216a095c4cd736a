import {
	data,
	type ActionFunctionArgs,
	type LoaderFunctionArgs,
	type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Notice } from '#app/components/ui/form.tsx'
import { requireRole } from '#app/modules/auth/require.server.ts'
import { listSites } from '#app/modules/people/people.server.ts'
import { createApiToken, listApiTokens, revokeApiToken } from '#app/modules/readiness/api.server.ts'
import { formatDateTime } from '#app/utils/format.ts'
import { hasControlCharacters } from '#app/utils/schemas.ts'
import { useLanguage, useT } from '#app/utils/use-root-data.ts'

export const meta: MetaFunction = () => [{ title: '系统对接 · 一窗通学' }]

const schema = z.discriminatedUnion('intent', [
	z.object({
		intent: z.literal('create'),
		name: z
			.string()
			.trim()
			.min(1, 'form.required')
			.max(40, 'form.tooLong')
			.refine((v) => !hasControlCharacters(v), 'form.invalid'),
		sites: z
			.array(z.coerce.number().int().positive().max(2_147_483_647))
			.min(1, 'api.sitesRequired'),
	}),
	z.object({
		intent: z.literal('revoke'),
		id: z.coerce.number().int().positive().max(2_147_483_647),
	}),
])

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, ['admin'])
	const [tokens, sites] = await Promise.all([listApiTokens(), listSites(null)])
	return { tokens, sites: sites.map((s) => ({ id: s.id, name: s.name, code: s.code })) }
}

export async function action({ request }: ActionFunctionArgs) {
	const actor = await requireRole(request, ['admin'])
	const form = await request.formData()
	const parsed = schema.safeParse({
		intent: form.get('intent'),
		name: form.get('name') ?? undefined,
		sites: form.getAll('sites'),
		id: form.get('id') ?? undefined,
	})
	if (!parsed.success)
		return data(
			{ error: parsed.error.issues[0]?.message ?? 'form.invalid', secret: null },
			{ status: 400 },
		)
	if (parsed.data.intent === 'revoke') {
		const done = await revokeApiToken(parsed.data.id, actor)
		if (!done) throw new Response('Not found', { status: 404 })
		return { error: null, secret: null }
	}
	const known = new Set((await listSites(null)).map((s) => s.id))
	if (parsed.data.sites.some((id) => !known.has(id)))
		return data({ error: 'form.invalid', secret: null }, { status: 400 })
	const { secret } = await createApiToken({
		name: parsed.data.name,
		siteIds: [...new Set(parsed.data.sites)],
		actor,
	})
	return data({ error: null, secret }, { status: 201 })
}

export default function ApiTokens() {
	const t = useT()
	const language = useLanguage()
	const { tokens, sites } = useLoaderData<typeof loader>()
	const result = useActionData<typeof action>()
	const siteName = new Map(sites.map((s) => [s.id, s.name]))
	const error = result?.error
	return (
		<div className="page">
			<h1>{t('api.title')}</h1>
			<p className="muted">{t('api.help')}</p>
			{result?.secret ? (
				<Notice tone="ok">
					{t('api.created')} <code className="secret">{result.secret}</code>
				</Notice>
			) : null}
			{error === 'api.sitesRequired' ||
			error === 'form.required' ||
			error === 'form.tooLong' ||
			error === 'form.invalid' ? (
				<Notice tone="bad">{t(error)}</Notice>
			) : null}
			<Form method="post" className="form">
				<input type="hidden" name="intent" value="create" />
				<div className="field">
					<label htmlFor="name">{t('api.name')}</label>
					<input id="name" name="name" type="text" required maxLength={40} />
				</div>
				<fieldset>
					<legend>{t('api.sites')}</legend>
					{sites.map((s) => (
						<label className="checkbox" key={s.id}>
							<input type="checkbox" name="sites" value={s.id} /> {s.name}（{s.code}）
						</label>
					))}
				</fieldset>
				<div>
					<button type="submit" className="button">
						{t('api.create')}
					</button>
				</div>
			</Form>
			{tokens.length === 0 ? (
				<p>{t('api.none')}</p>
			) : (
				<div className="table-wrap" tabIndex={0}>
					<table>
						<thead>
							<tr>
								<th scope="col">{t('api.name')}</th>
								<th scope="col">{t('api.sites')}</th>
								<th scope="col">{t('api.lastUsed')}</th>
								<th scope="col">
									<span className="sr-only">{t('api.revoke')}</span>
								</th>
							</tr>
						</thead>
						<tbody>
							{tokens.map((token) => (
								<tr key={token.id}>
									<th scope="row">{token.name}</th>
									<td>{token.siteIds.map((id) => siteName.get(id) ?? id).join('、')}</td>
									<td>
										{token.lastUsedAt ? formatDateTime(token.lastUsedAt, language) : t('api.never')}
									</td>
									<td>
										{token.revokedAt ? (
											t('api.revoked')
										) : (
											<Form method="post">
												<input type="hidden" name="intent" value="revoke" />
												<input type="hidden" name="id" value={token.id} />
												<button
													type="submit"
													className="button secondary"
													aria-label={`${t('api.revoke')} ${token.name}`}
												>
													{t('api.revoke')}
												</button>
											</Form>
										)}
									</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			)}
		</div>
	)
}
