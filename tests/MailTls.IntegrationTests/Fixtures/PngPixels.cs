using System.Buffers.Binary;
using System.IO.Compression;

namespace MailTls.IntegrationTests.Fixtures;

/// Reads the pixels of an 8-bit RGB or RGBA PNG (what Chromium writes for screenshots), so a test
/// can tell a rendered page from a blank one without an imaging library (PNG spec, ISO/IEC 15948).
internal sealed class PngPixels
{
    private PngPixels(int width, int height, int channels, byte[] pixels)
    {
        Width = width;
        Height = height;
        Channels = channels;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    public int Channels { get; }

    /// Unfiltered samples, row after row, <see cref="Channels"/> bytes per pixel.
    public byte[] Pixels { get; }

    /// Distinct RGB colours (alpha ignored).
    public int DistinctColours() =>
        Enumerable.Range(0, Width * Height).Select(i => (Pixels[i * Channels] << 16) | (Pixels[(i * Channels) + 1] << 8) | Pixels[(i * Channels) + 2]).Distinct().Count();

    /// The share of pixels that are not (almost) white.
    public double InkedFraction() =>
        Enumerable.Range(0, Width * Height).Count(i => Pixels[i * Channels] < 240 || Pixels[(i * Channels) + 1] < 240 || Pixels[(i * Channels) + 2] < 240) / (double)(Width * Height);

    public static PngPixels Read(byte[] png)
    {
        ReadOnlySpan<byte> signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        if (!png.AsSpan().StartsWith(signature))
        {
            throw new InvalidDataException("not a PNG file");
        }

        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        var offset = signature.Length;
        while (offset + 12 <= png.Length)
        {
            var length = checked((int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset)));
            var type = System.Text.Encoding.ASCII.GetString(png, offset + 4, 4);
            var data = png.AsSpan(offset + 8, length);
            if (type == "IHDR")
            {
                width = (int)BinaryPrimitives.ReadUInt32BigEndian(data);
                height = (int)BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
                if (data[8] != 8 || data[12] != 0 || data[9] is not (2 or 6))
                {
                    throw new InvalidDataException($"unsupported PNG: bit depth {data[8]}, colour type {data[9]}, interlace {data[12]}");
                }

                channels = data[9] == 6 ? 4 : 3;
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }

            offset += length + 12;
        }

        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        return new PngPixels(width, height, channels, Unfilter(inflated.ToArray(), width, height, channels));
    }

    private static byte[] Unfilter(byte[] data, int width, int height, int channels)
    {
        var stride = width * channels;
        var pixels = new byte[stride * height];
        for (var row = 0; row < height; row++)
        {
            var filter = data[row * (stride + 1)];
            var source = data.AsSpan((row * (stride + 1)) + 1, stride);
            var current = pixels.AsSpan(row * stride, stride);
            var previous = row == 0 ? new byte[stride] : pixels.AsSpan((row - 1) * stride, stride);
            for (var i = 0; i < stride; i++)
            {
                int a = i >= channels ? current[i - channels] : 0, b = previous[i], c = i >= channels ? previous[i - channels] : 0;
                var predictor = filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"PNG filter type {filter}"),
                };
                current[i] = (byte)(source[i] + predictor);
            }
        }

        return pixels;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
