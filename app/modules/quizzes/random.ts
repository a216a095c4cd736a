// Deterministic randomness: the same seed always draws and shuffles the same way, so a
// generated item is stable for a revision and an attempt can be rebuilt from its seed.

/** FNV-1a, 32 bits: a seed from any string. */
export function hashSeed(text: string): number {
	let hash = 0x811c9dc5
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i)
		hash = Math.imul(hash, 0x01000193)
	}
	return hash >>> 0
}

/** mulberry32: a small, fast PRNG with good distribution for shuffling. */
export function seededRandom(seed: string): () => number {
	let state = hashSeed(seed)
	return () => {
		state = (state + 0x6d2b79f5) >>> 0
		let t = state
		t = Math.imul(t ^ (t >>> 15), t | 1)
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296
	}
}

export function shuffle<T>(items: ReadonlyArray<T>, random: () => number): Array<T> {
	const result = [...items]
	for (let i = result.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1))
		const a = result[i]
		const b = result[j]
		if (a === undefined || b === undefined) continue
		result[i] = b
		result[j] = a
	}
	return result
}

export function pick<T>(items: ReadonlyArray<T>, count: number, random: () => number): Array<T> {
	return shuffle(items, random).slice(0, Math.max(0, count))
}
