#!/usr/bin/env node
// Offline checks of the deployment manifests, run by deploy/validate.sh. Needs the packages of package.json beside
// this file, installed (npm ci) into the directory given with --tools-dir.
//
//   node validate-manifests.cjs --tools-dir DIR k8s RENDERED.yaml...    Kubernetes objects (kubectl kustomize output)
//   node validate-manifests.cjs --tools-dir DIR collector CONFIG.yaml... OpenTelemetry Collector configurations
//
// Kubernetes objects are checked against the API of the kubernetes-models package, twice:
//  1. its JSON schemas (ajv): required fields, types, enums and formats;
//  2. its TypeScript types, with each object written out as a typed object literal: TypeScript rejects every field
//     the API does not have (a misspelt `imagePullPolicy`, `livenesProbe`, ...), which the JSON schemas allow because
//     they do not forbid additional properties. `kubectl apply` would only warn about, or silently drop, such fields.
// and every container image must be pinned (a tag other than latest, or a digest).
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { createRequire } = require('node:module');

function usage(message) {
  if (message) console.error(`validate-manifests: ${message}`);
  console.error('usage: validate-manifests.cjs --tools-dir DIR (k8s|collector) FILE...');
  process.exit(2);
}

const args = process.argv.slice(2);
if (args[0] !== '--tools-dir' || args.length < 4) usage();
const toolsDir = path.resolve(args[1]);
const mode = args[2];
const files = args.slice(3);
// Resolve the packages from the install directory, not from this file's directory.
const requireTool = createRequire(path.join(toolsDir, 'package.json'));
const YAML = requireTool('yaml');

/** Every YAML document of a file, failing on syntax errors and duplicate keys. */
function readDocuments(file) {
  const documents = YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'), { uniqueKeys: true });
  const problems = [];
  for (const document of documents) {
    for (const error of document.errors) problems.push(`${file}: ${error.message}`);
  }
  return { documents: documents.map((d) => d.toJS()).filter((d) => d !== null && d !== undefined), problems };
}

// ---------------------------------------------------------------------------------------------------------------
// Kubernetes
// ---------------------------------------------------------------------------------------------------------------

/** "apps/v1" -> "kubernetes-models/apps/v1", "v1" -> "kubernetes-models/v1". */
function modelModule(apiVersion) {
  return `kubernetes-models/${apiVersion}`;
}

function describe(file, object) {
  const metadata = object.metadata || {};
  const name = metadata.namespace ? `${metadata.namespace}/${metadata.name}` : metadata.name;
  return `${path.basename(file)}: ${object.kind}/${name}`;
}

function checkKubernetes(files) {
  const problems = [];
  const typed = []; // objects that passed the schema lookup, for the TypeScript pass
  let count = 0;

  for (const file of files) {
    const { documents, problems: yamlProblems } = readDocuments(file);
    problems.push(...yamlProblems);
    for (const object of documents) {
      count++;
      const { apiVersion, kind } = object;
      if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
        problems.push(`${path.basename(file)}: an object without apiVersion/kind`);
        continue;
      }
      const label = describe(file, object);
      let model;
      try {
        model = requireTool(modelModule(apiVersion))[kind];
      } catch (e) {
        model = undefined;
      }
      if (typeof model !== 'function') {
        problems.push(`${label}: no schema for ${apiVersion} ${kind} (unknown API version or kind)`);
        continue;
      }
      try {
        new model(object).validate();
      } catch (e) {
        problems.push(`${label}: ${e.message}`);
      }
      typed.push({ label, apiVersion, kind, object });
      problems.push(...checkImagesPinned(label, object));
    }
  }

  problems.push(...checkKnownFields(typed));
  return { problems, count };
}

/** Every container image names a tag (other than latest) or a digest: what runs must not change under a manifest. */
function checkImagesPinned(label, object) {
  const pod = object.spec && object.spec.template && object.spec.template.spec;
  if (!pod) return [];
  const containers = [...(pod.initContainers || []), ...(pod.containers || [])];
  const problems = [];
  for (const { name, image } of containers) {
    const lastSegment = String(image).split('/').pop();
    const digest = String(image).includes('@sha256:');
    const tag = lastSegment.includes(':') ? lastSegment.split(':').pop() : '';
    if (!digest && (tag === '' || tag === 'latest')) {
      problems.push(`${label}: container "${name}": image "${image}" is not pinned to a tag or digest`);
    }
  }
  return problems;
}

/** Type-checks every object as a literal of its kubernetes-models interface (I<Kind>): unknown fields fail. */
function checkKnownFields(typed) {
  if (typed.length === 0) return [];
  const ts = requireTool('typescript');
  const checkDir = path.join(toolsDir, 'check');
  fs.mkdirSync(checkDir, { recursive: true });
  const source = path.join(checkDir, 'manifests.ts');

  const lines = [];
  const ranges = []; // [firstLine, lastLine, label], 0-based lines of the generated file
  typed.forEach(({ apiVersion, kind }, i) => {
    lines.push(`import type { I${kind} as T${i} } from ${JSON.stringify(`${modelModule(apiVersion)}/${kind}`)};`);
  });
  typed.forEach(({ label, object }, i) => {
    const first = lines.length;
    lines.push(`// ${label}`);
    lines.push(...`export const object${i}: T${i} = ${JSON.stringify(object, null, 2)};`.split('\n'));
    ranges.push([first, lines.length - 1, label]);
  });
  fs.writeFileSync(source, lines.join('\n') + '\n');

  const program = ts.createProgram([source], {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: [],
  });
  const problems = [];
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n    ');
    if (!diagnostic.file) {
      problems.push(`TypeScript: ${text}`);
      continue;
    }
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start || 0);
    const range = ranges.find(([first, last]) => line >= first && line <= last);
    const where = range ? range[2] : `${diagnostic.file.fileName}:${line + 1}`;
    const code = lines[line] !== undefined ? ` (at: ${lines[line].trim()})` : '';
    problems.push(`${where}: ${text}${code}`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// OpenTelemetry Collector: the references the collector itself resolves at start
// ---------------------------------------------------------------------------------------------------------------

function checkCollector(files) {
  const problems = [];
  for (const file of files) {
    const { documents, problems: yamlProblems } = readDocuments(file);
    problems.push(...yamlProblems.map((p) => `${p}`));
    if (documents.length !== 1) {
      problems.push(`${file}: expected exactly one YAML document, found ${documents.length}`);
      continue;
    }
    const config = documents[0];
    const declared = (section) => new Set(Object.keys((config && config[section]) || {}));
    const receivers = declared('receivers');
    const processors = declared('processors');
    const exporters = declared('exporters');
    const connectors = declared('connectors');
    const extensions = declared('extensions');
    const service = (config && config.service) || {};

    for (const extension of service.extensions || []) {
      if (!extensions.has(extension)) problems.push(`${file}: service.extensions: "${extension}" is not declared`);
    }
    const pipelines = service.pipelines || {};
    if (Object.keys(pipelines).length === 0) problems.push(`${file}: service.pipelines is empty`);
    const usedAsExporter = new Set();
    const usedAsReceiver = new Set();
    for (const [name, pipeline] of Object.entries(pipelines)) {
      const type = name.split('/')[0];
      if (!['traces', 'metrics', 'logs', 'profiles'].includes(type)) {
        problems.push(`${file}: pipeline "${name}": unknown signal "${type}"`);
      }
      const where = `${file}: pipeline "${name}"`;
      if (!pipeline || !(pipeline.receivers || []).length) problems.push(`${where}: has no receivers`);
      if (!pipeline || !(pipeline.exporters || []).length) problems.push(`${where}: has no exporters`);
      for (const receiver of (pipeline && pipeline.receivers) || []) {
        if (connectors.has(receiver)) usedAsReceiver.add(receiver);
        else if (!receivers.has(receiver)) problems.push(`${where}: receiver "${receiver}" is not declared`);
      }
      for (const processor of (pipeline && pipeline.processors) || []) {
        if (!processors.has(processor)) problems.push(`${where}: processor "${processor}" is not declared`);
      }
      for (const exporter of (pipeline && pipeline.exporters) || []) {
        if (connectors.has(exporter)) usedAsExporter.add(exporter);
        else if (!exporters.has(exporter)) problems.push(`${where}: exporter "${exporter}" is not declared`);
      }
    }
    for (const connector of connectors) {
      if (!usedAsExporter.has(connector) || !usedAsReceiver.has(connector)) {
        problems.push(`${file}: connector "${connector}" must be an exporter of one pipeline and a receiver of another`);
      }
    }
  }
  return { problems, count: files.length };
}

// ---------------------------------------------------------------------------------------------------------------

const checks = { k8s: checkKubernetes, collector: checkCollector };
if (!checks[mode]) usage(`unknown check "${mode}"`);
for (const file of files) {
  if (!fs.existsSync(file)) usage(`no such file: ${file}`);
}
const { problems, count } = checks[mode](files);
if (problems.length > 0) {
  for (const problem of problems) console.error(`  ${problem}`);
  console.error(`validate-manifests ${mode}: ${problems.length} problem(s) in ${count} checked`);
  process.exit(1);
}
console.log(`validate-manifests ${mode}: ${count} checked, no problems`);
