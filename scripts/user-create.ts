// npm run user:create -- --username X --role admin [--name 姓名] [--site CODE]
// Creates an account on the configured database (DATABASE_URL, or the embedded one in ./data).
// The password is asked twice on a terminal, or read from the first line of stdin when piped;
// it is never taken from the command line and there is no default.
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { eq } from 'drizzle-orm'
import { sites } from '#drizzle/schema/index.ts'
import { passwordRules } from '#app/modules/auth/password-rules.ts'
import { createUser, findUserByUsername } from '#app/modules/people/people.server.ts'
import { usernamePattern } from '#app/modules/people/forms.ts'
import { databaseTarget } from '#app/utils/boot.server.ts'
import { closeDatabase, connectDatabase, getDb, migrateDatabase } from '#app/utils/db.server.ts'

const usage =
	'usage: npm run user:create -- --username NAME --role admin|trainer|clerk [--name 姓名] [--site CODE]'

/** Read a line from the terminal without echoing it (raw mode: Enter ends, Ctrl-C aborts). */
function askHidden(question: string): Promise<string> {
	process.stdout.write(question)
	return new Promise((resolve) => {
		let typed = ''
		process.stdin.setRawMode(true)
		process.stdin.resume()
		process.stdin.setEncoding('utf8')
		const onData = (chunk: string) => {
			for (const char of chunk) {
				if (char === '\r' || char === '\n') {
					process.stdin.off('data', onData)
					process.stdin.setRawMode(false)
					process.stdin.pause()
					process.stdout.write('\n')
					resolve(typed)
					return
				}
				if (char === '\u0003') {
					process.stdout.write('\n')
					process.exit(130)
				}
				typed = char === '\u007f' || char === '\b' ? typed.slice(0, -1) : typed + char
			}
		}
		process.stdin.on('data', onData)
	})
}

async function firstLineOfStdin(): Promise<string> {
	const rl = createInterface({ input: process.stdin, terminal: false })
	for await (const line of rl) {
		rl.close()
		return line
	}
	return ''
}

async function readPassword(): Promise<string | null> {
	if (!process.stdin.isTTY) return firstLineOfStdin()
	const first = await askHidden(`Password (at least ${passwordRules.minLength} characters): `)
	const second = await askHidden('Password again: ')
	return first === second ? first : null
}

async function main(): Promise<number> {
	let args
	try {
		args = parseArgs({
			options: {
				username: { type: 'string' },
				role: { type: 'string' },
				name: { type: 'string' },
				site: { type: 'string' },
				password: { type: 'string' },
			},
		}).values
	} catch (error) {
		console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`)
		return 2
	}
	if (args.password !== undefined) {
		console.error(
			'Passwords are never taken from the command line: type it when asked, or pipe it on stdin.',
		)
		return 2
	}
	const username = args.username?.trim() ?? ''
	const role = args.role
	if (
		!usernamePattern.test(username) ||
		(role !== 'admin' && role !== 'trainer' && role !== 'clerk')
	) {
		console.error(usage)
		return 2
	}
	const password = await readPassword()
	if (password === null) {
		console.error('The two passwords differ; nothing was created.')
		return 1
	}
	if (password.length < passwordRules.minLength || password.length > passwordRules.maxLength) {
		console.error(
			`The password needs ${passwordRules.minLength} to ${passwordRules.maxLength} characters; nothing was created.`,
		)
		return 1
	}
	const target = databaseTarget()
	if (target.kind === 'pglite')
		console.log(`Using the embedded database in ${target.dataDir} (stop the server first).`)
	await connectDatabase(target)
	try {
		await migrateDatabase()
		if (await findUserByUsername(username)) {
			console.error(`User "${username}" already exists; nothing was created.`)
			return 1
		}
		const siteCode = args.site?.trim() || 'hall'
		let [site] = await getDb().select().from(sites).where(eq(sites.code, siteCode))
		if (!site && !args.site) {
			// A new installation has no sites yet: the first account belongs to the hall.
			;[site] = await getDb()
				.insert(sites)
				.values({ code: 'hall', name: '人社服务大厅', kind: 'hall', offersAllServices: true })
				.returning()
			console.log('Created the site "人社服务大厅" (code hall).')
		}
		if (!site) {
			console.error(`No site with code "${siteCode}"; nothing was created.`)
			return 1
		}
		await createUser(
			{
				username,
				displayName: args.name?.trim() || username,
				role,
				siteId: site.id,
				cohortId: null,
			},
			null,
			{ password },
		)
		console.log(`Created ${role} "${username}" at ${site.name}. They can sign in now.`)
		return 0
	} finally {
		await closeDatabase()
	}
}

process.exitCode = await main()
