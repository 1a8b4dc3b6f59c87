#!/usr/bin/env python3
"""Full-size CR test images for bench/inference.ts: a real NIH CXR (1024², 8-bit) upsampled to 3000×2500 and
rescaled to 12 bits, written uncompressed, then re-encoded by dcmtk as RLE and JPEG-LS lossless — the sizes and
encodings a clinic's CR/DX modality actually sends.

  inference_fixtures.py SOURCE.dcm OUT_DIR
"""
import os
import subprocess
import sys

import numpy as np
import pydicom
from pydicom.uid import ExplicitVRLittleEndian, generate_uid


def main():
    source, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    ds = pydicom.dcmread(source)
    small = ds.pixel_array.astype(np.float64)
    rows, cols = 3000, 2500
    ys = (np.arange(rows) * small.shape[0] // rows)[:, None]
    xs = (np.arange(cols) * small.shape[1] // cols)[None, :]
    big = np.round(small[ys, xs] * 4095 / 255).astype(np.uint16)
    ds.Rows, ds.Columns = rows, cols
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 12, 11, 0
    ds.Modality = "CR"
    ds.WindowCenter, ds.WindowWidth = 2048, 4096
    ds.StudyInstanceUID, ds.SeriesInstanceUID, ds.SOPInstanceUID = generate_uid(), generate_uid(), generate_uid()
    ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.is_little_endian, ds.is_implicit_VR = True, False
    ds.PixelData = big.tobytes()
    plain = os.path.join(out, "fullsize-explicit.dcm")
    ds.save_as(plain, write_like_original=False)
    for tool, name in (("dcmcrle", "fullsize-rle.dcm"), ("dcmcjpls", "fullsize-jpegls.dcm")):
        # Each encoding gets its own study so the benchmark can tell them apart.
        target = os.path.join(out, name)
        subprocess.run([tool, plain, target], check=True)
        copy = pydicom.dcmread(target)
        copy.StudyInstanceUID, copy.SeriesInstanceUID, copy.SOPInstanceUID = generate_uid(), generate_uid(), generate_uid()
        copy.file_meta.MediaStorageSOPInstanceUID = copy.SOPInstanceUID
        copy.save_as(target)


if __name__ == "__main__":
    main()
