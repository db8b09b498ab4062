// Ordinary Java sources and tests for the generated monorepo: the layers of a Spring service
// (controllers, services, repositories, records, entities, mappers), 1-5 KB each as in real
// projects. None names a Tomcat customizer, so the cheap text test must pass over all of them.

export type SourceRole = 'controller' | 'service' | 'repository' | 'dto' | 'entity' | 'mapper' | 'exception' | 'util';

const nouns = [
  'Order',
  'Invoice',
  'Customer',
  'Product',
  'Shipment',
  'Account',
  'Ticket',
  'Voucher',
  'Report',
  'Address',
  'Refund',
  'Review',
];

function entityOf(n: number): string {
  return `${nouns[n % nouns.length]}${Math.floor(n / nouns.length)}`;
}

const suffix: Record<SourceRole, string> = {
  controller: 'Controller',
  service: 'Service',
  repository: 'Repository',
  dto: 'Dto',
  entity: 'Entity',
  mapper: 'Mapper',
  exception: 'NotFoundException',
  util: 'Support',
};

/** Fields of the entity, more for some classes than others so that sizes vary. */
function fields(n: number): [string, string][] {
  const all: [string, string][] = [
    ['Long', 'id'],
    ['String', 'reference'],
    ['String', 'description'],
    ['java.math.BigDecimal', 'amount'],
    ['java.time.Instant', 'createdAt'],
    ['java.time.Instant', 'updatedAt'],
    ['String', 'status'],
    ['Long', 'ownerId'],
    ['Integer', 'quantity'],
    ['String', 'currency'],
    ['Boolean', 'archived'],
    ['String', 'externalId'],
  ];
  return all.slice(0, 4 + (n % 9));
}

const cap = (s: string) => s[0].toUpperCase() + s.slice(1);

export function javaSource(pkg: string, feature: string, role: SourceRole, n: number): { className: string; text: string } {
  const entity = entityOf(n);
  const className = `${entity}${suffix[role]}`;
  const header = `package com.example.${pkg}.${feature};\n\n`;
  const f = fields(n);
  switch (role) {
    case 'controller':
      return {
        className,
        text: `${header}import java.util.List;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/api/${feature}/${entity.toLowerCase()}s")
public class ${className} {

    private final ${entity}Service service;

    public ${className}(${entity}Service service) {
        this.service = service;
    }

    @GetMapping
    public List<${entity}Dto> list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return service.list(page, Math.min(size, 500));
    }

    @GetMapping("/{id}")
    public ${entity}Dto get(@PathVariable Long id) {
        return service.get(id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public ${entity}Dto create(@Valid @RequestBody ${entity}Dto request) {
        return service.create(request);
    }

    @PutMapping("/{id}")
    public ${entity}Dto update(@PathVariable Long id, @Valid @RequestBody ${entity}Dto request) {
        return service.update(id, request);
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable Long id) {
        service.delete(id);
        return ResponseEntity.noContent().build();
    }
}
`,
      };
    case 'service':
      return {
        className,
        text: `${header}import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional(readOnly = true)
public class ${className} {

    private static final Logger log = LoggerFactory.getLogger(${className}.class);

    private final ${entity}Repository repository;
    private final ${entity}Mapper mapper;

    public ${className}(${entity}Repository repository, ${entity}Mapper mapper) {
        this.repository = repository;
        this.mapper = mapper;
    }

    public List<${entity}Dto> list(int page, int size) {
        return repository.findAll(PageRequest.of(page, size)).map(mapper::toDto).getContent();
    }

    public ${entity}Dto get(Long id) {
        return repository.findById(id).map(mapper::toDto).orElseThrow(() -> new ${entity}NotFoundException(id));
    }

    @Transactional
    public ${entity}Dto create(${entity}Dto request) {
        ${entity}Entity saved = repository.save(mapper.toEntity(request));
        log.info("created ${entity.toLowerCase()} {}", saved.getId());
        return mapper.toDto(saved);
    }

    @Transactional
    public ${entity}Dto update(Long id, ${entity}Dto request) {
        ${entity}Entity existing = repository.findById(id).orElseThrow(() -> new ${entity}NotFoundException(id));
${f
  .filter(([, name]) => name !== 'id')
  .map(([, name]) => `        existing.set${cap(name)}(request.${name}());`)
  .join('\n')}
        return mapper.toDto(repository.save(existing));
    }

    @Transactional
    public void delete(Long id) {
        if (!repository.existsById(id)) throw new ${entity}NotFoundException(id);
        repository.deleteById(id);
    }
}
`,
      };
    case 'repository':
      return {
        className,
        text: `${header}import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ${className} extends JpaRepository<${entity}Entity, Long> {

    Optional<${entity}Entity> findByReference(String reference);

    @Query("select e from ${entity}Entity e where e.status = :status order by e.id desc")
    List<${entity}Entity> findByStatus(@Param("status") String status);
}
`,
      };
    case 'dto':
      return {
        className,
        text: `${header}import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

public record ${className}(
${f.map(([type, name], i) => `        ${i === 1 ? '@NotNull @Size(max = 64) ' : ''}${type} ${name}`).join(',\n')}) {
}
`,
      };
    case 'entity':
      return {
        className,
        text: `${header}import jakarta.persistence.*;

@Entity
@Table(name = "${feature}_${entity.toLowerCase()}")
public class ${className} {

${f.map(([type, name]) => (name === 'id' ? `    @Id\n    @GeneratedValue(strategy = GenerationType.IDENTITY)\n    private ${type} id;\n` : `    @Column(name = "${name.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase())}")\n    private ${type} ${name};\n`)).join('\n')}
${f.map(([type, name]) => `    public ${type} get${cap(name)}() {\n        return ${name};\n    }\n\n    public void set${cap(name)}(${type} ${name}) {\n        this.${name} = ${name};\n    }\n`).join('\n')}}
`,
      };
    case 'mapper':
      return {
        className,
        text: `${header}import org.springframework.stereotype.Component;

@Component
public class ${className} {

    public ${entity}Dto toDto(${entity}Entity entity) {
        return new ${entity}Dto(${f.map(([, name]) => `entity.get${cap(name)}()`).join(', ')});
    }

    public ${entity}Entity toEntity(${entity}Dto dto) {
        ${entity}Entity entity = new ${entity}Entity();
${f.map(([, name]) => `        entity.set${cap(name)}(dto.${name}());`).join('\n')}
        return entity;
    }
}
`,
      };
    case 'exception':
      return {
        className,
        text: `${header}import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

@ResponseStatus(HttpStatus.NOT_FOUND)
public class ${className} extends RuntimeException {

    public ${className}(Long id) {
        super("${entity} " + id + " not found");
    }
}
`,
      };
    case 'util':
      return {
        className,
        text: `${header}import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** Helpers shared by the ${feature} classes. */
public final class ${className} {

    /** How long a cached ${entity.toLowerCase()} stays fresh. */
    public static final Duration CACHE_TTL = Duration.ofMinutes(${5 + (n % 25)});

    private ${className}() {
    }

    public static boolean isStale(Instant updatedAt, Instant now) {
        return updatedAt == null || Duration.between(updatedAt, now).compareTo(CACHE_TTL) > 0;
    }

    public static String normalizeReference(String reference) {
        Objects.requireNonNull(reference, "reference");
        String trimmed = reference.strip().toUpperCase();
        return trimmed.startsWith("${entity.slice(0, 3).toUpperCase()}-") ? trimmed : "${entity.slice(0, 3).toUpperCase()}-" + trimmed;
    }
}
`,
      };
  }
}

export function javaTest(pkg: string, feature: string, role: SourceRole, n: number): { className: string; text: string } {
  const entity = entityOf(n);
  const tested = `${entity}${suffix[role]}`;
  const className = `${tested}Test`;
  return {
    className,
    text: `package com.example.${pkg}.${feature};

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.*;

import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

@ExtendWith(MockitoExtension.class)
class ${className} {

    @Mock
    ${entity}Repository repository;

    ${entity}Mapper mapper;

    @BeforeEach
    void setUp() {
        mapper = new ${entity}Mapper();
    }

    @Test
    void findsAnExisting${entity}() {
        ${entity}Entity entity = new ${entity}Entity();
        entity.setId(${n}L);
        when(repository.findById(${n}L)).thenReturn(Optional.of(entity));
        assertThat(repository.findById(${n}L)).contains(entity);
        verify(repository).findById(${n}L);
    }

    @Test
    void mapsBothWays() {
        ${entity}Entity entity = new ${entity}Entity();
        entity.setId(${n + 1}L);
        assertThat(mapper.toEntity(mapper.toDto(entity)).getId()).isEqualTo(${n + 1}L);
    }
}
`,
  };
}
