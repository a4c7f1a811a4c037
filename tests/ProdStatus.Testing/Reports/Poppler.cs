using System.Diagnostics;

namespace ProdStatus.Testing.Reports;

/// <summary>Runs poppler-utils (<c>pdftotext</c>) on a PDF. Missing tools fail the test with the package to install.</summary>
public static class Poppler
{
    /// <summary>The text of every page in reading layout; pages are separated by form feeds.</summary>
    public static async Task<string> ExtractTextAsync(byte[] pdf, CancellationToken cancellationToken)
    {
        string dir = Directory.CreateTempSubdirectory("prodstat-pdf-").FullName;
        try
        {
            string input = Path.Combine(dir, "in.pdf");
            string output = Path.Combine(dir, "out.txt");
            await File.WriteAllBytesAsync(input, pdf, cancellationToken);
            await RunAsync("pdftotext", ["-layout", "-enc", "UTF-8", input, output], cancellationToken);
            return await File.ReadAllTextAsync(output, cancellationToken);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Number of images embedded in the PDF (<c>pdfimages -list</c>, minus its two header lines).</summary>
    public static async Task<int> ImageCountAsync(byte[] pdf, CancellationToken cancellationToken)
    {
        string dir = Directory.CreateTempSubdirectory("prodstat-pdf-").FullName;
        try
        {
            string input = Path.Combine(dir, "in.pdf");
            await File.WriteAllBytesAsync(input, pdf, cancellationToken);
            string list = await RunAsync("pdfimages", ["-list", input], cancellationToken);
            return list.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 2;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<string> RunAsync(string tool, string[] args, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"{tool} not found: install the Debian package poppler-utils (.ci/run does)", ex);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            string error = await process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{tool} exited with {process.ExitCode}: {error}");
            }
            return await output;
        }
    }
}
