"""Reference numbers for the oracle parity test, computed with pydicom + numpy only.

Reads JSON from stdin: {"cases": [{"file", "preprocessing", "input": {"width", "height"}}]} and prints, per case,
the statistics the oracle ONNX model computes from its input tensor (see tests/inference/oracle.ts), or an
"error". Everything here is written from the DICOM standard and the manifest definitions, independently of the
TypeScript pipeline. JPEG-LS and JPEG lossless files are decompressed with dcmtk first (pydicom has no decoder
for them here).
"""
import json
import math
import os
import subprocess
import sys
import tempfile

import numpy as np
import pydicom
from pydicom.pixel_data_handlers.util import convert_color_space

DCMTK = {
    "1.2.840.10008.1.2.4.80": "dcmdjpls",
    "1.2.840.10008.1.2.4.81": "dcmdjpls",
    "1.2.840.10008.1.2.4.57": "dcmdjpeg",
    "1.2.840.10008.1.2.4.70": "dcmdjpeg",
}


def read(path):
    ds = pydicom.dcmread(path)
    tool = DCMTK.get(str(ds.file_meta.TransferSyntaxUID))
    if tool:
        out = os.path.join(tempfile.mkdtemp(), "plain.dcm")
        subprocess.run([tool, path, out], check=True)
        ds = pydicom.dcmread(out)
    arr = ds.pixel_array
    if int(ds.get("NumberOfFrames", 1) or 1) > 1:
        arr = arr[0]
    return ds, arr


def first(value):
    return float(value[0]) if isinstance(value, pydicom.multival.MultiValue) else float(value)


def grey_levels(ds, arr, windowing, monochrome1):
    stored = arr.astype(np.float64)
    slope = float(ds.get("RescaleSlope", 1) or 1)
    intercept = float(ds.get("RescaleIntercept", 0) or 0)
    modality = stored * slope + intercept
    method = windowing["method"]
    if method == "bit-depth":
        bits = int(ds.BitsStored)
        offset = 2 ** (bits - 1) if int(ds.PixelRepresentation) == 1 else 0
        levels = np.clip((stored + offset) / (2 ** bits - 1), 0, 1)
    elif method == "voi" and "WindowCenter" in ds and "WindowWidth" in ds:
        c, w = first(ds.WindowCenter), first(ds.WindowWidth)
        # PS3.3 C.11.2.1.2.1, LINEAR
        levels = np.where(
            modality <= c - 0.5 - (w - 1) / 2, 0.0,
            np.where(modality > c - 0.5 + (w - 1) / 2, 1.0, (modality - (c - 0.5)) / (w - 1) + 0.5))
    else:
        if method == "percentile":
            low, high = np.percentile(modality, [windowing["low"], windowing["high"]])
        else:
            low, high = modality.min(), modality.max()
        levels = np.clip((modality - low) / (high - low), 0, 1) if high > low else np.zeros_like(modality)
    if ds.PhotometricInterpretation == "MONOCHROME1" and monochrome1 == "invert":
        levels = 1 - levels
    return levels[np.newaxis]


def colour_levels(ds, arr):
    if ds.PhotometricInterpretation in ("YBR_FULL", "YBR_FULL_422"):
        arr = convert_color_space(arr, ds.PhotometricInterpretation, "RGB")
    return np.moveaxis(arr.astype(np.float64) / (2 ** int(ds.BitsStored) - 1), -1, 0)


def weights(source, target, method):
    m = np.zeros((target, source))
    scale = source / target
    for o in range(target):
        if method == "nearest":
            m[o, min(source - 1, (o * source) // target)] = 1
        elif method == "bilinear":
            x = min(source - 1, max(0.0, (o + 0.5) * scale - 0.5))
            left = math.floor(x)
            right = min(source - 1, left + 1)
            m[o, left] += 1 - (x - left)
            m[o, right] += x - left
        else:
            lo, hi = o * scale, (o + 1) * scale
            for k in range(math.floor(lo), min(source, math.ceil(hi))):
                m[o, k] = (min(hi, k + 1) - max(lo, k)) / scale
    return m


def js_round(v):
    return math.floor(v + 0.5)


def geometry(img, steps):
    for step in steps:
        _, h, w = img.shape
        if step["op"] == "crop":
            img = img[:, step["y"]:step["y"] + step["height"], step["x"]:step["x"] + step["width"]]
        elif step["op"] == "center-square":
            side = min(w, h)
            x, y = (w - side) // 2, (h - side) // 2
            img = img[:, y:y + side, x:x + side]
        elif step.get("keepAspect"):
            f = min(step["width"] / w, step["height"] / h)
            nw, nh = max(1, js_round(w * f)), max(1, js_round(h * f))
            small = np.einsum("yh,chw,xw->cyx", weights(h, nh, step["method"]), img, weights(w, nw, step["method"]))
            canvas = np.full((img.shape[0], step["height"], step["width"]), step.get("padValue", 0.0))
            x, y = (step["width"] - nw) // 2, (step["height"] - nh) // 2
            canvas[:, y:y + nh, x:x + nw] = small
            img = canvas
        else:
            img = np.einsum("yh,chw,xw->cyx", weights(h, step["height"], step["method"]), img,
                            weights(w, step["width"], step["method"]))
    return img


def statistics(tensor):
    _, h, w = tensor.shape
    ys, xs = np.mgrid[0:h, 0:w]
    masks = [np.ones((h, w)), xs < w // 2, ys < h // 2, (xs < w // 2) & (ys < h // 2)]
    stats = []
    for c in range(3):
        plane = tensor[c]
        stats += [float((plane * m).sum() / m.sum()) for m in masks]
        stats.append(float((plane * xs / (w - 1)).mean()))
        stats.append(float((plane * ys / (h - 1)).mean()))
    return stats + [float(tensor.min()), float(tensor.max())]


def reference(case):
    ds, arr = read(case["file"])
    prep = case["preprocessing"]
    if int(ds.get("SamplesPerPixel", 1)) == 3:
        img = colour_levels(ds, arr)
    else:
        img = grey_levels(ds, arr, prep["windowing"], prep.get("monochrome1", "invert"))
    img = geometry(img, prep["steps"])
    if img.shape[0] == 1:
        img = np.repeat(img, 3, axis=0)
    norm = prep["normalization"]
    mean = np.array(norm["mean"] * (3 if len(norm["mean"]) == 1 else 1))[:, None, None]
    std = np.array(norm["std"] * (3 if len(norm["std"]) == 1 else 1))[:, None, None]
    return statistics((img * norm["scale"] - mean) / std)


def main():
    cases = json.load(sys.stdin)["cases"]
    out = []
    for case in cases:
        try:
            out.append({"file": case["file"], "stats": reference(case)})
        except Exception as error:  # reported per case; the test decides what it means
            out.append({"file": case["file"], "error": f"{type(error).__name__}: {error}"})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
