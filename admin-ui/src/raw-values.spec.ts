import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/**
 * A check over the console's source: a column or field that shows a coded value (a status, a
 * kind, a role…) must say how it renders it (a `render`, a child field, or `choices`), so that
 * no raw code such as `in_progress` or `compliance_officer` reaches the screen.
 */

const SRC = path.dirname(fileURLToPath(import.meta.url));

/** Fields whose values are codes from shared/'s enums, not words. */
const CODED_FIELDS = new Set([
  'status',
  'kind',
  'role',
  'jurisdiction',
  'channel',
  'scope',
  'reviewStatus',
  'severity',
  'category',
  'source',
  'basis',
  'recipientType',
  'processType',
  'outcome',
  'enforcementAction',
  'appealStatus',
  'denialReason',
  'actorType',
  'entityType',
  'action',
  'list',
  'decision',
  'exemption',
]);

/** Free text that shares a coded field's name, by file. */
const FREE_TEXT: Record<string, string[]> = {
  // A legal process's jurisdiction is the issuing court's, as written on the order.
  'legal-process/LegalProcessShow.tsx': ['record.jurisdiction'],
};

/** Components that print their source's value as it is unless told otherwise. */
const VALUE_SHOWERS = new Set(['DataTable.Col', 'TextField', 'ChipField', 'Datagrid.Col']);

const tsxFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsxFiles(full);
    return entry.name.endsWith('.tsx') ? [full] : [];
  });

interface RawShow {
  file: string;
  line: number;
  tag: string;
  source: string;
}

/** Every element of `code` that would show a coded field's raw value. */
export function rawValueShows(file: string, code: string): RawShow[] {
  const sourceFile = ts.createSourceFile(
    file,
    code,
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TSX,
  );
  const found: RawShow[] = [];
  const visit = (node: ts.Node) => {
    const opening = ts.isJsxSelfClosingElement(node)
      ? node
      : ts.isJsxElement(node)
        ? node.openingElement
        : undefined;
    if (opening) {
      const tag = opening.tagName.getText(sourceFile);
      const attributes = new Map<string, ts.JsxAttribute>();
      for (const attribute of opening.attributes.properties) {
        if (ts.isJsxAttribute(attribute))
          attributes.set(attribute.name.getText(sourceFile), attribute);
      }
      const source = attributes.get('source')?.initializer;
      const field = source && ts.isStringLiteral(source) ? source.text : undefined;
      const hasChildren =
        ts.isJsxElement(node) &&
        node.children.some((child) => !ts.isJsxText(child) || child.text.trim());
      if (
        field &&
        VALUE_SHOWERS.has(tag) &&
        CODED_FIELDS.has(field.split('.').at(-1)!) &&
        !attributes.has('render') &&
        !attributes.has('choices') &&
        !attributes.has('field') &&
        !hasChildren
      ) {
        const { line } = sourceFile.getLineAndCharacterOfPosition(opening.getStart(sourceFile));
        found.push({ file: path.relative(SRC, file), line: line + 1, tag, source: field });
      }
    }
    // `{record.status}` written straight into the page.
    if (
      ts.isJsxExpression(node) &&
      (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent)) &&
      node.expression &&
      ts.isPropertyAccessExpression(node.expression) &&
      CODED_FIELDS.has(node.expression.name.text)
    ) {
      const { line } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
      found.push({
        file: path.relative(SRC, file),
        line: line + 1,
        tag: '{…}',
        source: node.expression.getText(sourceFile),
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

describe('coded values in the console', () => {
  it('finds a raw status column, and accepts one rendered with its label', () => {
    const raw = `const L = () => <DataTable><DataTable.Col source="status" label="Status" /></DataTable>;`;
    expect(rawValueShows('x.tsx', raw)).toEqual([
      { file: expect.any(String), line: 1, tag: 'DataTable.Col', source: 'status' },
    ]);
    expect(rawValueShows('x.tsx', `<TextField source="subject.role" />`)).toHaveLength(1);
    expect(rawValueShows('x.tsx', `<Typography>{record.status}</Typography>`)).toEqual([
      { file: expect.any(String), line: 1, tag: '{…}', source: 'record.status' },
    ]);
    const labelled = `
      <DataTable>
        <DataTable.Col source="status" render={(r) => statusLabel(r.status)} />
        <DataTable.Col source="kind"><KindChip /></DataTable.Col>
        <SelectField source="role" choices={roleChoices} />
        <DataTable.Col source="reference" />
        <Typography>{statusLabel(record.status)}</Typography>
      </DataTable>`;
    expect(rawValueShows('x.tsx', labelled)).toEqual([]);
  });

  it('renders every coded field of every screen through its label', () => {
    const found = tsxFiles(SRC)
      .flatMap((file) => rawValueShows(file, readFileSync(file, 'utf8')))
      .filter((show) => !FREE_TEXT[show.file]?.includes(show.source));
    expect(found).toEqual([]);
  });
});
