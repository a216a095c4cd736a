import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import {
	data,
	redirect,
	type ActionFunctionArgs,
	type LoaderFunctionArgs,
	type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useSearchParams } from '@remix-run/react'
import { FormErrors, TextField } from '#app/components/ui/form.tsx'
import { getOptionalUser, safeRedirect } from '#app/modules/auth/require.server.ts'
import { useT } from '#app/utils/use-root-data.ts'
import { loginSchema } from './login-schema.ts'
import { homeFor, signIn } from './login.server.ts'
import { pageTitle } from '#app/utils/meta.ts'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'title.login')

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await getOptionalUser(request)
	if (user) throw redirect(homeFor(user.role))
	return null
}

export async function action({ request, context }: ActionFunctionArgs) {
	const formData = await request.formData()
	const submission = parseWithZod(formData, { schema: loginSchema })
	if (submission.status !== 'success') {
		return data(
			{ result: submission.reply({ hideFields: ['password'] }), retryMinutes: 0 },
			{ status: 400 },
		)
	}
	const outcome = await signIn(submission.value, request, context.clientAddress ?? null)
	if (outcome.ok) {
		throw redirect(safeRedirect(submission.value.redirectTo, homeFor(outcome.role)), {
			headers: { 'Set-Cookie': outcome.cookie },
		})
	}
	return data(
		{
			result: submission.reply({ formErrors: [outcome.error], hideFields: ['password'] }),
			retryMinutes: outcome.retryMinutes,
		},
		{ status: outcome.error === 'login.throttled' ? 429 : 400 },
	)
}

export default function Login() {
	const t = useT()
	const actionData = useActionData<typeof action>()
	const [searchParams] = useSearchParams()
	const [form, fields] = useForm({
		id: 'login',
		lastResult: actionData?.result,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: loginSchema }),
		shouldRevalidate: 'onBlur',
	})
	return (
		<div className="page narrow">
			<h1>{t('login.title')}</h1>
			<p className="lead">{t('login.intro')}</p>
			<Form method="post" className="form" {...getFormProps(form)}>
				<FormErrors
					id={form.errorId}
					errors={form.errors}
					params={{ minutes: actionData?.retryMinutes ?? 15 }}
				/>
				<input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
				<TextField
					field={fields.username}
					label={t('login.username')}
					autoComplete="username"
					autoFocus
				/>
				<TextField
					field={fields.password}
					label={t('login.password')}
					type="password"
					autoComplete="current-password"
				/>
				<div>
					<button type="submit" className="button">
						{t('login.submit')}
					</button>
				</div>
			</Form>
		</div>
	)
}
