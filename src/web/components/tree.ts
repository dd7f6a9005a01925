/** Turns the flat organization list into antd tree data, children in the server's order. */
import { foldText } from '../../shared/text.ts';
import type { OrganizationNode } from '../api/types.ts';

/** A node of antd's Tree/TreeSelect. */
export interface TreeItem {
  key: string;
  value: string;
  title: string;
  children: TreeItem[];
  node: OrganizationNode;
}

/** Builds the tree; nodes whose parent is outside the list become roots. */
export function buildTree(nodes: OrganizationNode[]): TreeItem[] {
  const byCode = new Map<string, TreeItem>();
  for (const node of nodes)
    byCode.set(node.code, {
      key: node.code,
      value: node.code,
      title: node.name,
      children: [],
      node,
    });
  const roots: TreeItem[] = [];
  for (const item of byCode.values()) {
    const parent = item.node.parentCode ? byCode.get(item.node.parentCode) : undefined;
    if (parent) parent.children.push(item);
    else roots.push(item);
  }
  return roots;
}

/** Whether a node matches a filter typed with or without accents (name or code). */
export function matchesFilter(node: OrganizationNode, filter: string): boolean {
  const folded = foldText(filter);
  return (
    folded === '' || foldText(node.name).includes(folded) || foldText(node.code).includes(folded)
  );
}
