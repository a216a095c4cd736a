// Password hashing: argon2id (memory-hard) with OWASP's recommended minimum parameters.
import { hash, verify } from '@node-rs/argon2'
import pLimit from 'p-limit'

const options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const

// One argon2 computation at a time per process, the rest wait their turn. Each takes 19 MiB and
// a core; Node's thread pool would run four at once per process, so a burst of sign-ins (an exam
// morning, or someone guessing) could take every core from the requests already signed in.
const oneHashAtATime = pLimit(1)

export function hashPassword(password: string): Promise<string> {
	return oneHashAtATime(() => hash(password, options))
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await oneHashAtATime(() => verify(passwordHash, password))
	} catch {
		return false
	}
}

// A hash to verify against when the username does not exist, so both paths take as long.
let dummyHash: Promise<string> | null = null
export async function verifyAgainstDummy(password: string): Promise<false> {
	dummyHash ??= hashPassword('counter-ready-dummy-password')
	await verifyPassword(await dummyHash, password)
	return false
}

export { passwordRules } from './password-rules.ts'
