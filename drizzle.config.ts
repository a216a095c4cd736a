// drizzle-kit generates migrations from drizzle/schema; the app applies them itself at start-up.
import { defineConfig } from 'drizzle-kit'

export default defineConfig({
	dialect: 'postgresql',
	schema: './drizzle/schema/index.ts',
	out: './drizzle/migrations',
})
