#!/usr/bin/env python3
"""Runs the PyTorch original of an exported package on a given input tensor: the reference for checking an
export (tests/inference/export.test.ts) and for speed comparisons (bench/inference.ts).

  torch_reference.py --state STATE.pt --input TENSOR.f32 --shape 1,3,224,224 [--threads N] [--runs R]

STATE.pt is what export_cxr_model.py --save-state wrote (torchvision-random source). Prints JSON:
{"outputs": [...], "latency_ms": [...], "torch": version, "threads": N}.
"""
import argparse
import json
import time

import numpy as np
import torch

from export_cxr_model import NIH14, Logits, build_torchvision_random


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--state", required=True)
    parser.add_argument("--input", required=True, help="raw little-endian float32 tensor")
    parser.add_argument("--shape", required=True)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    module = Logits(build_torchvision_random(0), list(range(len(NIH14))))
    module.load_state_dict(torch.load(args.state))
    module.eval()
    shape = [int(d) for d in args.shape.split(",")]
    tensor = torch.from_numpy(np.fromfile(args.input, dtype="<f4").reshape(shape))
    latencies = []
    with torch.no_grad():
        for _ in range(args.runs):
            started = time.perf_counter()
            outputs = module(tensor)
            latencies.append((time.perf_counter() - started) * 1000)
    print(json.dumps({"outputs": outputs.flatten().tolist(), "latency_ms": latencies, "torch": torch.__version__,
                      "threads": torch.get_num_threads()}))


if __name__ == "__main__":
    main()
