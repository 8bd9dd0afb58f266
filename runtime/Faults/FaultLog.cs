using System;
using System.Threading;

namespace VtdDsl;

/// <summary>
/// A fixed ring of fault records, like the fault recording registers of a VT-d unit: any number
/// of threads may record and drain concurrently, lock-free and allocation-free (all storage is
/// allocated by the constructor).
/// </summary>
/// <remarks>
/// When the ring is full a new fault is dropped and counted in <see cref="DroppedCount"/>: the
/// oldest faults are kept, as hardware keeps its recorded faults and only sets its overflow flag.
/// The ring is a bounded multi-producer multi-consumer queue (D. Vyukov's design): each slot
/// carries a sequence number that says whose turn it is, so producers and consumers only contend
/// on one compare-and-swap of their own position.
/// </remarks>
public sealed class FaultLog
{
    private struct Slot
    {
        // 2·p: free for the record at position p; 2·p + 1: holds the record of position p.
        public long Sequence;
        public FaultRecord Record;
    }

    private readonly Slot[] _slots;
    private long _enqueuePosition;
    private long _dequeuePosition;
    private long _dropped;

    /// <param name="capacity">Records the ring holds before it drops new faults (at least 1).</param>
    public FaultLog(int capacity)
    {
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "A fault log holds at least one record.");
        _slots = new Slot[capacity];
        for (int i = 0; i < capacity; i++) _slots[i].Sequence = 2L * i;
    }

    /// <summary>How many faults the log holds before it overflows.</summary>
    public int Capacity => _slots.Length;

    /// <summary>Records waiting to be drained (a snapshot while other threads are active).</summary>
    public int Count
    {
        get
        {
            long count = Volatile.Read(ref _enqueuePosition) - Volatile.Read(ref _dequeuePosition);
            return (int)Math.Clamp(count, 0, _slots.Length);
        }
    }

    /// <summary>Faults dropped because the ring was full.</summary>
    public long DroppedCount => Interlocked.Read(ref _dropped);

    /// <summary>Records a faulting DMA request; an allowed one is ignored. True when a record was stored.</summary>
    public bool Record(SourceId source, in DmaTranslation translation, DmaAccess access) =>
        translation.Fault != FaultReason.None && TryEnqueue(FaultRecord.ForDma(source, translation.FaultAddress, access, translation.Fault));

    /// <summary>Records a faulting interrupt at table <paramref name="index"/>; a remapped one is ignored. True when a record was stored.</summary>
    public bool Record(SourceId source, int index, in InterruptRemap remap) =>
        !remap.IsAllowed && TryEnqueue(FaultRecord.ForInterrupt(source, index, remap.Fault));

    /// <summary>Stores a record; false (and counted as dropped) when the ring is full.</summary>
    public bool Record(in FaultRecord record) => TryEnqueue(record);

    /// <summary>Takes the oldest record, if any.</summary>
    public bool TryDequeue(out FaultRecord record)
    {
        Slot[] slots = _slots;
        long position = Volatile.Read(ref _dequeuePosition);
        while (true)
        {
            ref Slot slot = ref slots[position % slots.Length];
            long difference = Volatile.Read(ref slot.Sequence) - (2 * position + 1);
            if (difference == 0)
            {
                long observed = Interlocked.CompareExchange(ref _dequeuePosition, position + 1, position);
                if (observed == position)
                {
                    record = slot.Record;
                    Volatile.Write(ref slot.Sequence, 2 * (position + slots.Length));
                    return true;
                }
                position = observed;
            }
            else if (difference < 0)
            {
                record = default;
                return false; // the record of this position has not been stored: empty
            }
            else
            {
                position = Volatile.Read(ref _dequeuePosition);
            }
        }
    }

    /// <summary>Moves up to <paramref name="destination"/>.Length records, oldest first; returns how many.</summary>
    public int Drain(Span<FaultRecord> destination)
    {
        int count = 0;
        while (count < destination.Length && TryDequeue(out destination[count])) count++;
        return count;
    }

    private bool TryEnqueue(in FaultRecord record)
    {
        Slot[] slots = _slots;
        long position = Volatile.Read(ref _enqueuePosition);
        while (true)
        {
            ref Slot slot = ref slots[position % slots.Length];
            long difference = Volatile.Read(ref slot.Sequence) - 2 * position;
            if (difference == 0)
            {
                long observed = Interlocked.CompareExchange(ref _enqueuePosition, position + 1, position);
                if (observed == position)
                {
                    slot.Record = record;
                    Volatile.Write(ref slot.Sequence, 2 * position + 1);
                    return true;
                }
                position = observed;
            }
            else if (difference < 0)
            {
                // the slot still holds the record of position − capacity: full
                Interlocked.Increment(ref _dropped);
                return false;
            }
            else
            {
                position = Volatile.Read(ref _enqueuePosition);
            }
        }
    }
}
