package uk.redress.workflow.calendar;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayCalendar;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Year;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bank holidays of each nation: from a published list shaped like GOV.UK's {@code bank-holidays.json} (which
 * wins, because holidays move by proclamation), and for years the list does not cover, from the rules (jollyday),
 * flagged as generated.
 */
public final class BankHolidays {

    /** The list shipped with Redress: 2015 to 2030 for every nation, with the moved and one-off days. */
    public static final String SHIPPED = "calendar/bank-holidays.json";

    private static final HolidayManager RULES =
            HolidayManager.getInstance(ManagerParameters.create(HolidayCalendar.UNITED_KINGDOM));

    private final Map<Region, TreeMap<LocalDate, BankHoliday>> published;
    private final Map<Region, Map<Integer, Map<LocalDate, BankHoliday>>> generated = new ConcurrentHashMap<>();

    private BankHolidays(Map<Region, TreeMap<LocalDate, BankHoliday>> published) {
        this.published = published;
    }

    public static BankHolidays shipped() {
        try (InputStream in = BankHolidays.class.getClassLoader().getResourceAsStream(SHIPPED)) {
            if (in == null) {
                throw new IllegalStateException("the shipped bank holidays " + SHIPPED + " are missing");
            }
            return read(in, SHIPPED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A replacement list, for example GOV.UK's latest, that a council configures without a rebuild. */
    public static BankHolidays fromFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bank holidays file " + file, e);
        }
    }

    private static BankHolidays read(InputStream in, String source) throws IOException {
        Map<String, Division> divisions = new ObjectMapper()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(in, new TypeReference<Map<String, Division>>() { });
        Map<Region, TreeMap<LocalDate, BankHoliday>> published = new EnumMap<>(Region.class);
        for (Region region : Region.values()) {
            Division division = divisions.get(region.id());
            if (division == null || division.events() == null || division.events().isEmpty()) {
                throw new IllegalArgumentException(source + " has no events for the division '" + region.id() + "'");
            }
            TreeMap<LocalDate, BankHoliday> days = new TreeMap<>();
            for (Event event : division.events()) {
                LocalDate date = LocalDate.parse(event.date());
                boolean substitute = event.notes() != null && event.notes().toLowerCase(Locale.ROOT).contains("substitute");
                days.put(date, new BankHoliday(date, event.title(), substitute, false));
            }
            published.put(region, days);
        }
        return new BankHolidays(published);
    }

    /** The bank holiday on this day in this nation, if there is one. */
    public Optional<BankHoliday> on(Region region, LocalDate day) {
        TreeMap<LocalDate, BankHoliday> list = published.get(region);
        if (isPublished(region, day.getYear())) {
            return Optional.ofNullable(list.get(day));
        }
        return Optional.ofNullable(generatedYear(region, day.getYear()).get(day));
    }

    /** Whether the published list covers this year for this nation; other years come from the rules. */
    public boolean isPublished(Region region, int year) {
        TreeMap<LocalDate, BankHoliday> list = published.get(region);
        return year >= list.firstKey().getYear() && year <= list.lastKey().getYear();
    }

    /** Every bank holiday of a nation in a year, published or generated, in date order. */
    public List<BankHoliday> inYear(Region region, int year) {
        if (isPublished(region, year)) {
            return List.copyOf(published.get(region)
                    .subMap(LocalDate.of(year, 1, 1), true, LocalDate.of(year, 12, 31), true).values());
        }
        return List.copyOf(generatedYear(region, year).values());
    }

    private Map<LocalDate, BankHoliday> generatedYear(Region region, int year) {
        return generated.computeIfAbsent(region, r -> new ConcurrentHashMap<>())
                .computeIfAbsent(year, y -> {
                    Map<LocalDate, BankHoliday> days = new TreeMap<>();
                    for (Holiday holiday : RULES.getHolidays(Year.of(y), region.jollydaySubdivision())) {
                        // getDate() is the day off: the observed (substitute) day where the holiday moved.
                        LocalDate day = holiday.getDate();
                        boolean substitute = !day.equals(holiday.getActualDate());
                        days.put(day, new BankHoliday(day, holiday.getDescription(Locale.UK), substitute,
                                true));
                    }
                    return days;
                });
    }

    private record Division(String division, List<Event> events) {
    }

    private record Event(String title, String date, String notes) {
    }
}
