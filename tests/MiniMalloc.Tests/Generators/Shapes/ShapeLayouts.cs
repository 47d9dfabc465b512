namespace MiniMalloc.Generators;

/// <summary>
/// The lifetime structure of each <see cref="ProblemShape"/>: which buffer lives from which operator to which.
/// Each method repeats its pass until the builder is full.
/// </summary>
internal static class ShapeLayouts
{
    /// <summary>The short intermediates of each decoder layer.</summary>
    public const int DecoderIntermediates = 12;

    /// <summary>The operators (steps) of an encoder or decoder block: four intermediates and the block's output.</summary>
    public const int BlockSteps = 5;

    /// <summary>The operators of a U-Net residual block: three convolutions, then the residual add.</summary>
    public const int ResidualSteps = 4;

    /// <summary>U-Net sizes halve per level down to this many halvings.</summary>
    public const int MaxShrink = 4;

    /// <summary>
    /// One output per operator: most read by one of the next three operators, a share kept for
    /// [½, 1½] × <paramref name="longLife"/> steps, so that about share × long life are alive at once.
    /// </summary>
    public static void Network(ShapeBuilder b, double longLivedShare, int longLife)
    {
        for (long step = 0; !b.Full; step++)
        {
            long life = b.NextDouble() < longLivedShare ? longLife / 2 + b.Below(longLife + 1) : 1 + b.Below(3);
            b.Add(step, step + Math.Max(1, life) + 1);
        }
    }

    /// <summary>
    /// Training steps of <paramref name="layers"/> layers: forward layer i (step i) keeps its activation until its
    /// backward step 2·layers − i (nested lifetimes, all live at the turn) and a workspace read by the next
    /// operator; each backward step makes a gradient read by the next one.
    /// </summary>
    public static void Training(ShapeBuilder b, int layers)
    {
        for (long start = 0; !b.Full; start += 2L * layers + 1)
        {
            for (int i = 0; i < layers; i++)
            {
                b.Add(start + i, start + 2L * layers - i + 1);
                b.Add(start + i, start + i + 2);
            }
            for (int i = layers - 1; i >= 0; i--)
            {
                long backward = start + 2L * layers - i;
                b.Add(backward, backward + 2);
            }
        }
    }

    /// <summary>
    /// Decoder passes of <paramref name="layers"/> layers: each layer's K and V caches live from the layer's first
    /// operator to the end of the pass; its <see cref="DecoderIntermediates"/> intermediates, one per operator, are
    /// read within the next three operators.
    /// </summary>
    public static void Decoder(ShapeBuilder b, int layers)
    {
        long passSteps = (long)layers * DecoderIntermediates;
        for (long start = 0; !b.Full; start += passSteps + 1)
        {
            long end = start + passSteps + 1;
            for (int layer = 0; layer < layers; layer++)
            {
                long first = start + (long)layer * DecoderIntermediates;
                b.Add(first, end);
                b.Add(first, end);
                for (int j = 0; j < DecoderIntermediates; j++)
                {
                    long step = first + j;
                    b.Add(step, Math.Min(step + 2 + b.Below(3), end));
                }
            }
        }
    }

    /// <summary>
    /// Encoder-decoder passes of <paramref name="blocks"/> blocks each way: encoder block i's output is read by
    /// decoder block i (skips of equal length, overlapping like roof tiles: all live when the decoder starts); the
    /// encoder's final memory is read by every decoder block; each block has four short intermediates.
    /// </summary>
    public static void EncoderDecoder(ShapeBuilder b, int blocks)
    {
        long half = (long)blocks * BlockSteps;
        for (long start = 0; !b.Full; start += 2 * half + 1)
        {
            for (int i = 0; i < blocks; i++)
            {
                long first = start + (long)i * BlockSteps;
                Intermediates(b, first);
                b.Add(first + BlockSteps - 1, start + half + (long)i * BlockSteps + 1);
            }
            b.Add(start + half - 1, start + 2 * half + 1);
            for (int i = 0; i < blocks; i++)
            {
                long first = start + half + (long)i * BlockSteps;
                Intermediates(b, first);
                b.Add(first + BlockSteps - 1, first + BlockSteps + 1);
            }
        }
    }

    /// <summary>
    /// U-Net passes of <paramref name="levels"/> levels: down level d is a residual block (its input lives across
    /// the block) whose output is kept until the mirrored up level (nested skips); sizes halve per level (up to
    /// <see cref="MaxShrink"/> times).
    /// </summary>
    public static void UNet(ShapeBuilder b, int levels)
    {
        long half = (long)levels * ResidualSteps;
        for (long start = 0; !b.Full; start += 2 * half + 1)
        {
            for (int d = 0; d < levels; d++)
            {
                long first = start + (long)d * ResidualSteps;
                int shrink = Math.Min(d, MaxShrink);
                Residual(b, first, shrink);
                long up = start + half + (long)(levels - 1 - d) * ResidualSteps;
                b.Add(first + ResidualSteps - 1, up + 1, shrink);
            }
            for (int d = levels - 1; d >= 0; d--)
            {
                long first = start + half + (long)(levels - 1 - d) * ResidualSteps;
                Residual(b, first, Math.Min(d, MaxShrink));
            }
        }
    }

    /// <summary>
    /// Inception-like modules of <paramref name="branches"/> branches: the module's input is read by every branch;
    /// each branch is a chain of one to three operators whose last output waits for the concatenation.
    /// </summary>
    public static void Inception(ShapeBuilder b, int branches)
    {
        var chains = new int[branches];
        long start = 0;
        while (!b.Full)
        {
            long operators = 0;
            for (int i = 0; i < branches; i++) operators += chains[i] = 1 + b.Below(3);
            long concat = start + 1 + operators;
            b.Add(start, concat); // the module's input
            long step = start + 1;
            for (int i = 0; i < branches; i++)
            {
                for (int k = 0; k < chains[i]; k++, step++)
                {
                    b.Add(step, k == chains[i] - 1 ? concat + 1 : step + 2);
                }
            }
            start = concat;
        }
    }

    // Four intermediates of a block starting at first, each read by one of the next two operators.
    private static void Intermediates(ShapeBuilder b, long first)
    {
        for (int j = 0; j < BlockSteps - 1; j++) b.Add(first + j, first + j + 2 + b.Below(2));
    }

    // A residual block: its input lives to the add at the last step; three convolution outputs, each read next.
    private static void Residual(ShapeBuilder b, long first, int shrink)
    {
        b.Add(first, first + ResidualSteps, shrink);
        for (int j = 0; j < ResidualSteps - 1; j++) b.Add(first + j, first + j + 2, shrink);
    }

    /// <summary>
    /// One buffer per step, live for 1 + an exponentially distributed number of steps of mean <paramref name="live"/>:
    /// about that many are alive at once (arrivals of one a step times the mean life).
    /// </summary>
    public static void Random(ShapeBuilder b, int live)
    {
        for (long step = 0; !b.Full; step++)
        {
            long life = 1 + (long)(-Math.Log(1 - b.NextDouble()) * live);
            b.Add(step, step + life);
        }
    }
}
