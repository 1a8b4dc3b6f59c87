// A minimal ONNX (protobuf) writer for the small models the tests generate: initializers, nodes with int/ints/float
// attributes, float inputs and outputs. Field numbers follow onnx/onnx.proto (ModelProto, GraphProto, NodeProto,
// AttributeProto, TensorProto, ValueInfoProto).

type Bytes = Uint8Array;

function varint(value: number | bigint): number[] {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return out;
}

const concat = (parts: (Bytes | number[])[]): Bytes => {
  const arrays = parts.map((p) => (p instanceof Uint8Array ? p : Uint8Array.from(p)));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let offset = 0;
  for (const a of arrays) {
    out.set(a, offset);
    offset += a.length;
  }
  return out;
};

const key = (field: number, wire: number) => varint((field << 3) | wire);
const int = (field: number, value: number | bigint) => concat([key(field, 0), varint(value)]);
const bytes = (field: number, value: Bytes) => concat([key(field, 2), varint(value.length), value]);
const str = (field: number, value: string) => bytes(field, new TextEncoder().encode(value));
const float = (field: number, value: number) => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setFloat32(0, value, true);
  return concat([key(field, 5), b]);
};

export type Attribute = { name: string; i: number } | { name: string; ints: number[] } | { name: string; f: number };

export interface NodeSpec {
  op: string;
  inputs: string[];
  outputs: string[];
  attributes?: Attribute[];
}

export interface TensorSpec {
  name: string;
  dims: number[];
  /** Float32Array → FLOAT, BigInt64Array → INT64. */
  data: Float32Array | BigInt64Array;
}

export interface ValueSpec {
  name: string;
  /** Numbers are fixed sizes, strings are named dynamic dimensions. */
  shape: (number | string)[];
}

function attribute(a: Attribute): Bytes {
  if ('i' in a) return concat([str(1, a.name), int(20, 2), int(3, a.i)]);
  if ('f' in a) return concat([str(1, a.name), int(20, 1), float(2, a.f)]);
  return concat([str(1, a.name), int(20, 7), ...a.ints.map((v) => int(8, v))]);
}

function node(n: NodeSpec, index: number): Bytes {
  return concat([
    ...n.inputs.map((i) => str(1, i)),
    ...n.outputs.map((o) => str(2, o)),
    str(3, `${n.op}_${index}`),
    str(4, n.op),
    ...(n.attributes ?? []).map((a) => bytes(5, attribute(a))),
  ]);
}

function tensor(t: TensorSpec): Bytes {
  const raw = new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
  return concat([...t.dims.map((d) => int(1, d)), int(2, t.data instanceof Float32Array ? 1 : 7), str(8, t.name), bytes(9, raw)]);
}

function valueInfo(v: ValueSpec): Bytes {
  const dims = v.shape.map((d) => bytes(1, typeof d === 'number' ? int(1, d) : str(2, d)));
  const tensorType = concat([int(1, 1), bytes(2, concat(dims))]);
  return concat([str(1, v.name), bytes(2, bytes(1, tensorType))]);
}

export function buildModel(graph: {
  nodes: NodeSpec[];
  initializers: TensorSpec[];
  inputs: ValueSpec[];
  outputs: ValueSpec[];
  opset?: number;
}): Bytes {
  const graphBytes = concat([
    ...graph.nodes.map((n, i) => bytes(1, node(n, i))),
    str(2, 'lantern_test_graph'),
    ...graph.initializers.map((t) => bytes(5, tensor(t))),
    ...graph.inputs.map((v) => bytes(11, valueInfo(v))),
    ...graph.outputs.map((v) => bytes(12, valueInfo(v))),
  ]);
  const opset = concat([str(1, ''), int(2, graph.opset ?? 13)]);
  return concat([int(1, 7), str(2, 'lantern-tests'), bytes(7, graphBytes), bytes(8, opset)]);
}

/**
 * A network that ignores its pixels (input "image", 1×1×64×64) and returns fixed tensors: for tests where the
 * post-processing, storage or display of outputs is under test rather than the network.
 */
export function constantModel(outputs: { name: string; dims: number[]; values: number[] }[]): Bytes {
  return buildModel({
    nodes: [
      { op: 'ReduceMean', inputs: ['image'], outputs: ['level'], attributes: [{ name: 'keepdims', i: 0 }] },
      ...outputs.map((o) => ({ op: 'Identity', inputs: [`${o.name}_value`], outputs: [o.name] })),
    ],
    initializers: outputs.map((o) => ({ name: `${o.name}_value`, dims: o.dims, data: Float32Array.from(o.values) })),
    inputs: [{ name: 'image', shape: [1, 1, 64, 64] }],
    outputs: [{ name: 'level', shape: [] }, ...outputs.map((o) => ({ name: o.name, shape: o.dims }))],
  });
}
