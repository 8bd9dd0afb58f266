using System;

namespace VtdDsl;

/// <summary>The rights a DMA request needs.</summary>
[Flags]
public enum DmaAccess : byte
{
    /// <summary>A read (the device reads host memory).</summary>
    Read = 1,
    /// <summary>A write (the device writes host memory; MSIs are writes too).</summary>
    Write = 2,
    /// <summary>Both: a read-write (or atomic) access.</summary>
    ReadWrite = Read | Write,
}
