"""Writes a CDF-5 file with NC_INT64 variables and attributes (which ncgen 4.9.0 cannot:
it turns int64 into int in CDF-5), mixed with narrower record variables so that records need
padding. Usage: make_cdf5_int64.py OUT.nc"""
import sys

import netCDF4
import numpy as np


def main(path):
    ds = netCDF4.Dataset(path, "w", format="NETCDF3_64BIT_DATA")
    ds.createDimension("time", None)
    ds.createDimension("n", 3)
    ds.setncattr("att_int64", np.array([-2**63, 2**63 - 1], dtype="i8"))
    ds.setncattr("att_int64_one", np.int64(-5))
    ds.setncattr("att_uint64", np.array([2**64 - 1, 0], dtype="u8"))

    rec = ds.createVariable("i64", "i8", ("time", "n"), fill_value=np.int64(-9223372036854775806))
    rec.setncattr("valid_min", np.int64(-2**63))
    odd = ds.createVariable("ub", "u1", ("time",))
    short = ds.createVariable("us", "u2", ("time", "n"))
    fixed = ds.createVariable("fixed_i64", "i8", ("n",))
    scalar = ds.createVariable("scalar_i64", "i8", ())

    rec[0:4, :] = np.array([[-2**63, 2**63 - 1, 0], [1, 2, 3], [4, 5, 6], [7, 8, 9]], dtype="i8")
    rec[2, 1] = np.int64(-9223372036854775806)  # the fill value, written as such
    odd[0:4] = np.array([1, 255, 0, 128], dtype="u1")
    short[0:4, :] = np.arange(12, dtype="u2").reshape(4, 3) * 5000
    fixed[:] = np.array([-1, 0, 1], dtype="i8")
    scalar.assignValue(np.int64(2**62))
    ds.close()


if __name__ == "__main__":
    main(sys.argv[1])
