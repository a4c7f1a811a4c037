using System.Data.Common;
using System.Globalization;

namespace ProdStatus.Engine.Store;

/// <summary>Small helpers so repositories stay readable: parameters, UTC timestamps as ISO text.</summary>
public static class DbExtensions
{
    public static DbCommand Command(this DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    public static DbCommand With(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value switch
        {
            null => DBNull.Value,
            DateTimeOffset t => ToText(t),
            bool b => b ? 1L : 0L,
            _ => value,
        };
        command.Parameters.Add(parameter);
        return command;
    }

    public static string ToText(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);

    public static DateTimeOffset? GetUtc(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : ParseText(reader.GetString(ordinal));

    /// <summary>Reads <see cref="ToText"/>'s format directly (tables of jobs hold tens of thousands); anything else
    /// (older rows, PostgreSQL's own text) through the general parser.</summary>
    public static DateTimeOffset ParseText(string text)
    {
        if (text.Length == 28 && text[4] == '-' && text[7] == '-' && text[10] == 'T' && text[13] == ':' && text[16] == ':' && text[19] == '.' && text[27] == 'Z'
            && TryDigits(text, 0, 4, out int year) && TryDigits(text, 5, 2, out int month) && TryDigits(text, 8, 2, out int day)
            && TryDigits(text, 11, 2, out int hour) && TryDigits(text, 14, 2, out int minute) && TryDigits(text, 17, 2, out int second)
            && TryDigits(text, 20, 7, out int ticks) && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            && hour < 24 && minute < 60 && second < 60)
        {
            return new DateTimeOffset(new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(ticks));
        }
        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }

    private static bool TryDigits(string text, int start, int length, out int value)
    {
        value = 0;
        for (int i = start; i < start + length; i++)
        {
            int digit = text[i] - '0';
            if (digit is < 0 or > 9)
            {
                return false;
            }
            value = (value * 10) + digit;
        }
        return true;
    }

    public static string? GetNullableString(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long GetInt64Value(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? 0 : Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    public static double GetDoubleValue(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? 0 : Convert.ToDouble(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}
