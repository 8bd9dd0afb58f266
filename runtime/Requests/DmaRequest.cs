namespace VtdDsl;

/// <summary>One DMA request without a PASID: who asks, for which DMA address, to read or write (an element of a batch).</summary>
/// <param name="Source">The requester (segment and requester id).</param>
/// <param name="Address">The DMA address (IOVA).</param>
/// <param name="Access">Read, write or both.</param>
public readonly record struct DmaRequest(SourceId Source, ulong Address, DmaAccess Access);
