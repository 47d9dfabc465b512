namespace MiniMalloc;

/// <summary>
/// One memory a buffer may be placed in: a fast SRAM, a slow DRAM, a bank. The pools of a <see cref="PoolProblem"/>
/// are listed in order of preference, fastest first.
/// </summary>
/// <param name="Name">A unique name, used in files, headers and diagnostics.</param>
/// <param name="Capacity">No buffer in the pool may end above this many bytes: offset + size &lt;= capacity.</param>
/// <param name="Alignment">Every offset in the pool is a multiple of this (and of the buffer's own alignment); default 1.</param>
/// <param name="Cost">What one unit of a buffer's weight costs when the buffer is held in this pool (at least 0).</param>
public sealed record Pool(string Name, long Capacity, long Alignment = 1, long Cost = 0);
