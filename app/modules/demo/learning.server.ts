// Demo learning history (studied lessons, attempts, certifications): filled in by the
// certification work so every screen has something real to show.
import { type Catalog } from '#app/modules/content/catalog.server.ts'

export async function seedDemoLearning(_catalog: Catalog, _clerks: Array<{ id: string }>): Promise<void> {}
