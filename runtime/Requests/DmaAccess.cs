using System;

namespace VtdDsl;

/// <summary>The rights a DMA request needs.</summary>
[Flags]
public enum DmaAccess : byte
{
    Read = 1,
    Write = 2,
    ReadWrite = Read | Write,
}
