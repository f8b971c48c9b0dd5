// The IDX format of (Fashion-)MNIST, gzipped: a big-endian header, then the raw bytes.
//
//   magic   4 bytes: 0x00 0x00, the element type (0x08 = unsigned byte), the number of dimensions
//   sizes   4 bytes per dimension, big-endian (images: count, rows, columns; labels: count)
//   data    one byte per pixel (0 = background, 255 = ink) or per label (0–9)
using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace FashionMnist;

/// <summary>Reads and writes gzipped IDX files of unsigned bytes, validating every header field.</summary>
internal static class Idx
{
    /// <summary>Magic number of an image file: unsigned bytes, 3 dimensions.</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>Magic number of a label file: unsigned bytes, 1 dimension.</summary>
    public const int LabelsMagic = 0x00000801;

    /// <summary>Reads an image file; returns the pixels of every image, row by row, and the image size.</summary>
    public static (byte[] Pixels, int Count, int Rows, int Columns) ReadImages(string path)
    {
        byte[] file = ReadGzip(path);
        int[] sizes = ReadHeader(path, file, ImagesMagic, "image");
        (int count, int rows, int columns) = (sizes[0], sizes[1], sizes[2]);
        byte[] pixels = ReadBody(path, file, header: 16, (long)count * rows * columns);
        return (pixels, count, rows, columns);
    }

    /// <summary>Reads a label file; every label must be a class index 0–9.</summary>
    public static byte[] ReadLabels(string path)
    {
        byte[] file = ReadGzip(path);
        int count = ReadHeader(path, file, LabelsMagic, "label")[0];
        byte[] labels = ReadBody(path, file, header: 8, count);
        int bad = Array.FindIndex(labels, label => label > 9);
        if (bad >= 0)
        {
            throw new InvalidDataException($"{path}: label {bad} is {labels[bad]}; Fashion-MNIST has classes 0 to 9.");
        }

        return labels;
    }

    /// <summary>Writes images (count × rows × columns bytes) as a gzipped IDX image file.</summary>
    public static void WriteImages(string path, byte[] pixels, int count, int rows, int columns) =>
        WriteGzip(path, ImagesMagic, [count, rows, columns], pixels);

    /// <summary>Writes labels as a gzipped IDX label file.</summary>
    public static void WriteLabels(string path, byte[] labels) =>
        WriteGzip(path, LabelsMagic, [labels.Length], labels);

    private static byte[] ReadGzip(string path)
    {
        try
        {
            using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
            using var bytes = new MemoryStream();
            gzip.CopyTo(bytes);
            return bytes.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: not a readable gzip file ({e.Message}).", e);
        }
    }

    /// <summary>Checks the magic number and returns the dimension sizes that follow it.</summary>
    private static int[] ReadHeader(string path, byte[] file, int expectedMagic, string kind)
    {
        int dimensions = expectedMagic & 0xFF;
        if (file.Length < 4 + (4 * dimensions))
        {
            throw new InvalidDataException($"{path}: {file.Length} bytes is too short for the header of an IDX {kind} file.");
        }

        int magic = BinaryPrimitives.ReadInt32BigEndian(file);
        if (magic != expectedMagic)
        {
            throw new InvalidDataException(
                $"{path}: magic number 0x{magic:X8}, expected 0x{expectedMagic:X8} (an IDX {kind} file: unsigned bytes, {dimensions} dimension{(dimensions == 1 ? "" : "s")}). The file is corrupt or not a Fashion-MNIST {kind} file.");
        }

        var sizes = new int[dimensions];
        for (int i = 0; i < dimensions; i++)
        {
            sizes[i] = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(4 + (4 * i)));
            if (sizes[i] <= 0)
            {
                throw new InvalidDataException($"{path}: dimension {i} of the header is {sizes[i]}; sizes must be positive.");
            }
        }

        return sizes;
    }

    private static byte[] ReadBody(string path, byte[] file, int header, long expected)
    {
        long actual = file.Length - header;
        if (actual != expected)
        {
            throw new InvalidDataException($"{path}: the header announces {expected:N0} bytes of data but the file holds {actual:N0}; it is truncated or corrupt.");
        }

        return file[header..];
    }

    private static void WriteGzip(string path, int magic, int[] sizes, byte[] data)
    {
        var header = new byte[4 + (4 * sizes.Length)];
        BinaryPrimitives.WriteInt32BigEndian(header, magic);
        for (int i = 0; i < sizes.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + (4 * i)), sizes[i]);
        }

        using var gzip = new GZipStream(File.Create(path), CompressionLevel.SmallestSize);
        gzip.Write(header);
        gzip.Write(data);
    }
}
