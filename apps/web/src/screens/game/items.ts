// Reading inventories and bundles as people do: "2 × Saffron, 1 × Pepper", their weight and their worth.
import type { GameItem, Inventory } from '@bidwire/sdk';

const weightFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

/** "2 × Saffron, 1 × Pepper" (items with quantity 0 left out); "nothing" for an empty one. */
export function itemsText(inventory: Inventory): string {
  const held = inventory.filter((e) => e.quantity > 0);
  return held.length === 0 ? 'nothing' : held.map((e) => `${e.quantity} × ${e.item}`).join(', ');
}

export const formatWeight = (weight: number): string => weightFormat.format(weight);

/** Σ quantity × the item type's weight (what bidders learn of a bundle). */
export const weightOf = (types: readonly GameItem[], inventory: Inventory): number =>
  inventory.reduce((sum, e) => sum + e.quantity * (types.find((t) => t.item === e.item)?.weight ?? 0), 0);

/** Σ quantity × the item type's value (what the items count for in the score). */
export const worthOf = (types: readonly GameItem[], inventory: Inventory): number =>
  inventory.reduce((sum, e) => sum + e.quantity * (types.find((t) => t.item === e.item)?.value ?? 0), 0);

export const totalQuantity = (inventory: Inventory): number => inventory.reduce((sum, e) => sum + e.quantity, 0);
