import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { getOptionalUser } from '#app/modules/auth/require.server.ts'
import { homeFor } from '#app/routes/login/login.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await getOptionalUser(request)
	throw redirect(user ? homeFor(user.role) : '/login')
}
