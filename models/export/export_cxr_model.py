#!/usr/bin/env python3
"""Turns a public chest X-ray classifier into a Lantern model package (manifest.json + model.onnx).

Lantern ships no model weights it has no right to ship; run this on a machine with network access to build a
package from a model you are licensed to use, then install it with `npx lantern models add <out-dir>`.

Sources:
  torchxrayvision     TorchXRayVision DenseNet-121 (`pip install torchxrayvision`; weights download on first use),
                      e.g. --weights densenet121-res224-all. Labels keep the model's own names, mapped to the
                      VinDr-CXR taxonomy where one exists; operating points come from the model's op_threshs.
  torchvision-random  torchvision's DenseNet-121 with random weights (seeded): no download, meaningless outputs.
                      For testing the export and the pipeline only.

Needs PyTorch (Debian: python3-torch, python3-torchvision; python3-onnx optional, for onnx.checker).
"""
import argparse
import hashlib
import json
import os
import sys

import torch

# TorchXRayVision pathology names → VinDr-CXR labels (only where the meaning is the same).
VINDR = {
    "Atelectasis": "Atelectasis", "Consolidation": "Consolidation", "Infiltration": "Infiltration",
    "Pneumothorax": "Pneumothorax", "Edema": "Edema", "Emphysema": "Emphysema", "Fibrosis": "Pulmonary fibrosis",
    "Effusion": "Pleural effusion", "Pneumonia": "Pneumonia", "Pleural_Thickening": "Pleural thickening",
    "Cardiomegaly": "Cardiomegaly", "Nodule": "Nodule/Mass", "Mass": "Nodule/Mass", "Lung Opacity": "Lung Opacity",
    "Lung Lesion": "Other lesion",
}
NIH14 = ["Atelectasis", "Consolidation", "Infiltration", "Pneumothorax", "Edema", "Emphysema", "Fibrosis", "Effusion",
         "Pneumonia", "Pleural_Thickening", "Cardiomegaly", "Nodule", "Mass", "Hernia"]


class Logits(torch.nn.Module):
    """The network up to its raw class scores, for the label indices kept."""

    def __init__(self, network, keep):
        super().__init__()
        self.network = network
        self.register_buffer("keep", torch.tensor(keep, dtype=torch.long))

    def forward(self, image):
        return self.network(image).index_select(1, self.keep)


def torchxrayvision_source(weights, version):
    import torchxrayvision as xrv

    network = xrv.models.DenseNet(weights=weights)
    thresholds = network.op_threshs
    # Raw logits out: the sigmoid and the operating points are applied by Lantern from the manifest.
    network.op_threshs = None
    network.apply_sigmoid = False
    keep = [i for i, name in enumerate(network.pathologies) if name]
    labels = []
    for i in keep:
        name = network.pathologies[i]
        label = {"name": name, "threshold": round(float(thresholds[i]), 6) if thresholds is not None else 0.5}
        if name in VINDR:
            label["vindr"] = VINDR[name]
        labels.append(label)
    manifest = {
        "id": f"txrv-{weights}".lower().replace("_", "-"),
        "name": f"TorchXRayVision DenseNet-121 ({weights})",
        "version": version,
        "licence": "torchxrayvision code Apache-2.0; weights trained on public datasets under their own terms — check them before clinical use",
        "intendedUse": "Research second opinion on frontal chest X-rays (PA/AP). Not a medical device.",
        "input": {"name": "image", "layout": "NCHW", "channels": 1, "width": 224, "height": 224, "dtype": "float32"},
        "preprocessing": {
            # xrv.datasets.normalize(img, 255) → [-1024, 1024]; XRayCenterCrop; XRayResizer(224) (anti-aliased).
            "windowing": {"method": "voi"},
            "monochrome1": "invert",
            "steps": [{"op": "center-square"}, {"op": "resize", "width": 224, "height": 224, "method": "area"}],
            "normalization": {"scale": 2048, "mean": [1024], "std": [1]},
        },
    }
    return Logits(network, keep), labels, manifest, (1, 1, 224, 224)


def build_torchvision_random(seed):
    import torchvision

    torch.manual_seed(seed)
    return torchvision.models.densenet121(weights=None, num_classes=len(NIH14))


def torchvision_random_source(seed):
    network = build_torchvision_random(seed)
    labels = [{"name": n, "threshold": 0.5, **({"vindr": VINDR[n]} if n in VINDR else {})} for n in NIH14]
    manifest = {
        "id": "densenet121-random",
        "name": f"DenseNet-121, random weights (seed {seed})",
        "version": "0.0.1",
        "licence": "BSD-3-Clause (torchvision architecture); random weights",
        "intendedUse": "Pipeline and speed testing only: random weights, the outputs mean nothing.",
        "input": {"name": "image", "layout": "NCHW", "channels": 3, "width": 224, "height": 224, "dtype": "float32"},
        "preprocessing": {
            "windowing": {"method": "voi"},
            "monochrome1": "invert",
            "steps": [{"op": "resize", "width": 224, "height": 224, "method": "area", "keepAspect": True}],
            "normalization": {"scale": 1, "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225]},
        },
    }
    return Logits(network, list(range(len(NIH14)))), labels, manifest, (1, 3, 224, 224)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", required=True, choices=["torchxrayvision", "torchvision-random"])
    parser.add_argument("--weights", default="densenet121-res224-all", help="TorchXRayVision weights name")
    parser.add_argument("--version", default="1.0.0", help="package version (bump it when the weights change)")
    parser.add_argument("--seed", type=int, default=0, help="seed for torchvision-random")
    parser.add_argument("--out", required=True, help="package directory to write")
    parser.add_argument("--save-state", help="also save the PyTorch state dict here (benchmarks compare against it)")
    args = parser.parse_args()

    if args.source == "torchxrayvision":
        module, labels, manifest, shape = torchxrayvision_source(args.weights, args.version)
    else:
        module, labels, manifest, shape = torchvision_random_source(args.seed)
    module.eval()

    os.makedirs(args.out, exist_ok=True)
    onnx_path = os.path.join(args.out, "model.onnx")
    with torch.no_grad():
        torch.onnx.export(
            module, torch.zeros(shape), onnx_path, opset_version=17, input_names=["image"], output_names=["logits"],
            dynamic_axes={"image": {0: "N"}, "logits": {0: "N"}},
        )
    try:
        import onnx

        onnx.checker.check_model(onnx.load(onnx_path))
    except ImportError:
        print("python onnx package not installed: skipped onnx.checker", file=sys.stderr)
    if args.save_state:
        torch.save(module.state_dict(), args.save_state)

    with open(onnx_path, "rb") as f:
        sha256 = hashlib.sha256(f.read()).hexdigest()
    manifest = {
        "schemaVersion": 1, **manifest, "task": "multi-label-classification", "labels": labels,
        "outputs": {"scores": {"name": "logits", "kind": "logits"}},
        "applicability": {"modalities": ["CR", "DX"], "views": ["PA", "AP"]},
        "sha256": sha256,
    }
    with open(os.path.join(args.out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    print(json.dumps({"package": args.out, "id": manifest["id"], "version": manifest["version"], "sha256": sha256}))


if __name__ == "__main__":
    main()
